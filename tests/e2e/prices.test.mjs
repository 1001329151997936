// The enterprise agreement in the Prices panel: a typed discount lowers spend, survives a
// reload, and the list cost stays what the same use costs without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { env, open, settled, dollars, changed } from './harness.mjs';

test('a typed Anthropic discount lowers total spend and survives a reload', async () => {
  const { page, errors, context } = await open();
  const shown = await page.textContent('[data-testid=total-spend-0]');
  const before = await dollars(page, 'total-spend-0');
  await page.click('#f-pricing-discounts');
  await page.keyboard.type('anthropic=20');
  await changed(page, 'total-spend-0', shown);
  const after = await dollars(page, 'total-spend-0');
  assert.ok(after < before, `${after} < ${before}`);
  assert.ok(after > 0.75 * before, 'only the Anthropic part is cheaper');
  assert.equal(await dollars(page, 'list-cost-before-discounts-0'), before, 'the same use at list prices');
  assert.equal(await page.inputValue('#f-pricing-discounts'), 'anthropic=20', 'typing is not interrupted');

  await page.click('#f-pricing-discounts');
  await page.keyboard.press('End');
  await page.keyboard.type('0');
  await page.waitForSelector('#f-pricing-discounts[aria-invalid=true]');
  assert.match(await page.textContent('[data-testid=agreement]'), /0 ?– ?100/);
  await page.keyboard.press('Backspace');
  await page.waitForSelector('#f-pricing-discounts:not([aria-invalid=true])');
  await settled(page);

  await page.goto(env.server.url);
  await settled(page);
  assert.equal(await page.inputValue('#f-pricing-discounts'), 'anthropic=20');
  assert.equal(await dollars(page, 'total-spend-0'), after);
  assert.deepEqual(errors, []);
  await context.close();
});
