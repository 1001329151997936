// End-to-end: the page by keyboard alone. The first Tab stop skips to the results; the chart
// tabs follow the WAI-ARIA tabs pattern (one Tab stop, arrow keys, Home and End, a tab panel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, focused, retype, changed } from './harness.mjs';

test('the first Tab stop skips to the results', async () => {
  const { page, errors, context } = await open();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the results');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'results');
  assert.deepEqual(errors, []);
  await context.close();
});

test('chart tabs are one Tab stop, moved through with the arrow keys, Home and End', async () => {
  const { page, errors, context } = await open();
  const tabs = page.locator('[role=tab]');
  const count = await tabs.count();
  assert.ok(count >= 8);
  const stops = await page.locator('[role=tab][tabindex="0"]').count();
  assert.equal(stops, 1, 'one tab in the Tab order');
  await page.focus('#tab-monthly-spend');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), 'tab-spend-by-kind');
  assert.equal(await page.getAttribute('#tab-spend-by-kind', 'aria-selected'), 'true');
  assert.equal(await page.getAttribute('#tab-monthly-spend', 'tabindex'), '-1');
  assert.equal(await page.getAttribute('#chart-panel', 'aria-labelledby'), 'tab-spend-by-kind');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const last = await tabs.nth(count - 1).getAttribute('id');
  assert.equal(await focused(page), last, 'ArrowLeft wraps to the last tab');
  await page.keyboard.press('Home');
  assert.equal(await focused(page), 'tab-monthly-spend');
  await page.keyboard.press('End');
  assert.equal(await focused(page), last);
  // Tab leaves the tab list for the panel.
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement?.closest('[role=tablist]') === null);
  assert.ok(next, 'Tab leaves the tab list');
  assert.equal(await page.getAttribute('#chart-panel', 'role'), 'tabpanel');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a closed section opens from the keyboard; closed again, it keeps its fields and what was typed', async () => {
  const { page, errors, context } = await open();
  const section = '[data-testid=parameters]';
  assert.equal(await page.locator(`${section} input`).count(), 0, 'a closed section holds no fields yet');
  await page.focus(`${section} > summary`);
  await page.keyboard.press('Enter');
  await page.waitForSelector('#param-usage-mean_spend_usd');
  await page.keyboard.press('Tab');
  assert.ok(await page.evaluate((s) => document.querySelector(s).contains(document.activeElement), section),
    'Tab moves into the section just opened');
  const shown = await page.textContent('[data-testid=total-spend-0]');
  await retype(page, 'param-usage-mean_spend_usd', '300');
  await page.focus(`${section} > summary`);
  await page.keyboard.press('Enter');
  assert.equal(await page.locator(section).evaluate((d) => d.open), false, 'Enter closes it again');
  await changed(page, 'total-spend-0', shown);
  assert.equal(await page.inputValue('#param-usage-mean_spend_usd'), '300', 'closed, it keeps what was typed');
  await page.keyboard.press('Enter');
  assert.ok(await page.isVisible('#param-usage-mean_spend_usd'), 'open again, the field is shown at once');
  assert.equal(await page.inputValue('#param-usage-mean_spend_usd'), '300');
  assert.deepEqual(errors, []);
  await context.close();
});
