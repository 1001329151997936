// End-to-end: fields are typed into the way people type, key by key, through invalid states
// (an emptied field, a share that does not yet add up) and back to valid ones. The field keeps
// the keyboard focus throughout, shows exactly what was typed, and the run follows it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, settled, changed, dollars, retype, focused, disclose } from './harness.mjs';

/** Waits for the page to render what the last key did to `#id`: marked invalid, or not. The page
 * renders after a key's input event; reading the attribute at once would race that render. */
const marked = (page, id, invalid = true) =>
  page.waitForSelector(invalid ? `#${id}[aria-invalid=true]` : `#${id}:not([aria-invalid])`, { timeout: 5000 });

/** The text of `selector` once it reads `text` (or after 5 s, whatever it reads then). */
async function settledText(page, selector, text) {
  await page
    .waitForFunction(([s, t]) => document.querySelector(s)?.textContent === t, [selector, text], { timeout: 5000 })
    .catch(() => {});
  return page.textContent(selector);
}

/** Whether two elements' boxes overlap. */
async function overlap(page, a, b) {
  const [ra, rb] = [await page.locator(a).boundingBox(), await page.locator(b).boundingBox()];
  assert.ok(ra && rb, `${a} and ${b} are laid out`);
  return ra.x < rb.x + rb.width && rb.x < ra.x + ra.width && ra.y < rb.y + rb.height && rb.y < ra.y + ra.height;
}

const months = (page) => page.locator('[data-testid=monthly-table] tbody tr').count();

test('the horizon is typed through an empty field and the run has as many months', async () => {
  const { page, errors, context } = await open();
  await disclose(page, '.summary details');
  assert.equal(await months(page), 24);
  await page.click('#f-months');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  assert.equal(await focused(page), 'f-months', 'focus stays in the emptied field');
  await marked(page, 'f-months');
  assert.match(await page.textContent('#f-months-error'), /^Horizon: /);
  await page.keyboard.type('12');
  assert.equal(await focused(page), 'f-months');
  assert.equal(await page.inputValue('#f-months'), '12');
  await marked(page, 'f-months', false);
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=monthly-table] tbody tr').length === 12);
  await settled(page);
  assert.equal(await months(page), 12, 'a twelve-month run');
  assert.equal(await page.$('#f-months-error'), null, 'no message once valid');
  assert.deepEqual(errors, []);
  await context.close();
});

test('developers typed key by key: 5000 stays 5000 and the organisation follows', async () => {
  const { page, errors, context } = await open();
  const shown = await page.textContent('[data-testid=total-spend-0]');
  await retype(page, 'developers', '5000', { keepsFocus: true });
  await changed(page, 'total-spend-0', shown);
  assert.equal(await page.inputValue('#developers'), '5000');
  assert.equal(await focused(page), 'developers');
  assert.match(await page.textContent('[data-testid=organisation] summary'), /5,000 developers/);
  assert.ok((await dollars(page, 'total-spend-0')) > Number(shown.replace(/[$,]/g, '')), 'more people spend more');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a policy lever is typed through invalid values to a valid one and the run follows', async () => {
  const { page, errors, context } = await open();
  const shown = await page.textContent('[data-testid=total-spend-0]');
  await page.click('[data-testid=policy-0] summary');
  await page.check('#lever-0-run_cap');
  await changed(page, 'total-spend-0', shown);
  const capped = await page.textContent('[data-testid=total-spend-0]');
  await retype(page, 'f-policies-0-run_cap-usd_per_run', '15', { keepsFocus: true });
  await changed(page, 'total-spend-0', capped);
  assert.equal(await focused(page), 'f-policies-0-run_cap-usd_per_run');
  assert.equal(await page.getAttribute('#f-policies-0-run_cap-usd_per_run', 'aria-invalid'), null);
  assert.ok((await dollars(page, 'total-spend-0')) > Number(capped.replace(/[$,]/g, '')), 'a looser cap spends more');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a model parameter is typed key by key and the run follows', async () => {
  const { page, errors, context } = await open();
  await page.click('[data-testid=parameters] summary');
  const shown = await page.textContent('[data-testid=total-spend-0]');
  await retype(page, 'param-usage-mean_spend_usd', '300', { keepsFocus: true });
  await changed(page, 'total-spend-0', shown);
  assert.equal(await focused(page), 'param-usage-mean_spend_usd');
  assert.ok((await dollars(page, 'total-spend-0')) > Number(shown.replace(/[$,]/g, '')), 'a higher mean spend costs more');
  assert.deepEqual(errors, []);
  await context.close();
});

test('model-mix shares are typed through a mix that does not add up, said in percent', async () => {
  const { page, errors, context } = await open();
  const shown = await page.textContent('[data-testid=total-spend-0]');
  const [first, second] = [Number(await page.inputValue('#mix-share-0')), Number(await page.inputValue('#mix-share-1'))];
  // 150 % is refused beside the share, in percent.
  await retype(page, 'mix-share-0', '150', { keepsFocus: true });
  await marked(page, 'mix-share-0');
  assert.match(await page.textContent('#mix-share-0-error'), /150 % is above 100 %/);
  assert.equal(await page.isHidden('[data-testid=input-error]'), true, 'said once, beside the share');
  // Moving the second row's share to the first: invalid until both are typed.
  await retype(page, 'mix-share-0', String(first + second), { keepsFocus: true });
  await page.waitForSelector('[data-testid=mix-error]');
  assert.match(await page.textContent('[data-testid=mix-error]'), /^Model mix: the shares add up to \d+ %, not 100 %\.$/);
  await retype(page, 'mix-share-1', '0', { keepsFocus: true });
  await changed(page, 'total-spend-0', shown);
  assert.equal(await page.inputValue('#mix-share-0'), String(first + second));
  assert.equal(await page.inputValue('#mix-share-1'), '0');
  assert.equal(await focused(page), 'mix-share-1');
  assert.equal(await page.$('[data-testid=mix-error]'), null);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a team cell in the organisation table is typed key by key', async () => {
  const { page, errors, context } = await open();
  await page.click('[data-testid=organisation] summary');
  const before = await page.textContent('[data-testid=organisation] summary');
  const team = Number(await page.inputValue('#f-organisation-cost_centres-0-teams-0-developers'));
  const total = Number(before.match(/([\d,]+) developers/)[1].replace(/,/g, ''));
  const shown = await page.textContent('[data-testid=total-spend-0]');
  await retype(page, 'f-organisation-cost_centres-0-teams-0-developers', String(team + 100), { keepsFocus: true });
  await changed(page, 'total-spend-0', shown);
  assert.equal(await focused(page), 'f-organisation-cost_centres-0-teams-0-developers');
  const after = await page.textContent('[data-testid=organisation] summary');
  assert.match(after, new RegExp(`${(total + 100).toLocaleString('en-US')} developers`));
  assert.equal(await page.inputValue('#developers'), String(total + 100));
  assert.deepEqual(errors, []);
  await context.close();
});

test('an invalid field is marked, says why by its label once, and its message stays in its column', async () => {
  const { page, errors, context } = await open();
  for (const width of [1200, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await retype(page, 'f-months', '1'.padEnd(101, '0'), { keepsFocus: true });
    const expected = 'Horizon: 1e100 is above 120 (allowed 1 – 120 months).';
    assert.equal(await settledText(page, '#f-months-error', expected), expected);
    await marked(page, 'f-months');
    assert.match(await page.getAttribute('#f-months', 'aria-describedby'), /f-months-error/);
    const border = await page.$eval('#f-months', (e) => getComputedStyle(e).borderTopColor);
    assert.equal(border, 'rgb(180, 35, 24)', 'a red border');
    assert.equal(await page.isHidden('[data-testid=input-error]'), true, 'not repeated at the top of the form');
    const others = await page.$$eval('.controls > .field:not(:has(#f-months))', (fields) => fields.length);
    assert.ok(others > 0, 'the form has other fields');
    for (let i = 0; i < others; i++) {
      const other = `.controls > .field:not(:has(#f-months)) >> nth=${i}`;
      assert.ok(!(await overlap(page, '#f-months-error', other)), `at ${width} px the message stays out of field ${i + 1}`);
    }
    const box = await page.locator('#f-months-error').boundingBox();
    const column = await page.locator('.controls > .field:has(#f-months)').boundingBox();
    assert.ok(box.x + box.width <= column.x + column.width + 0.5, `at ${width} px the message wraps inside its column`);
    await retype(page, 'f-months', '24', { keepsFocus: true });
    await settled(page);
  }
  await page.setViewportSize({ width: 1200, height: 900 });
  // A lever: labelled, never by its path in the document.
  await page.click('[data-testid=policy-0] summary');
  await page.check('#lever-0-annual_budget');
  await settled(page);
  await retype(page, 'f-policies-0-annual_budget-usd', '0', { keepsFocus: true });
  const budget = await page.textContent('#f-policies-0-annual_budget-usd-error');
  assert.equal(budget, 'Budget: 0 is below 1 (allowed 1 – 10,000,000,000,000 USD / year).');
  assert.doesNotMatch(budget, /policies\[|annual_budget/);
  // A model parameter and a team cell: labelled too, and marked.
  await page.click('[data-testid=parameters] summary');
  await retype(page, 'param-usage-sigma', '9', { keepsFocus: true });
  const sigma = 'sigma: 9 is above 3 (allowed 0 – 3 log-sd of per-developer demand).';
  assert.equal(await settledText(page, '#param-usage-sigma-error', sigma), sigma);
  await marked(page, 'param-usage-sigma');
  await page.click('[data-testid=organisation] summary');
  await retype(page, 'f-organisation-cost_centres-0-teams-0-agentic_share', '1.5', { keepsFocus: true });
  assert.equal(await page.textContent('#f-organisation-cost_centres-0-teams-0-agentic_share-error'),
    'Agentic share: 1.5 is above 1 (allowed 0 – 1 fraction).');
  assert.equal(await page.isHidden('[data-testid=input-error]'), true);
  await retype(page, 'f-organisation-cost_centres-0-teams-0-agentic_share', '0.5', { tab: true });
  await settled(page);
  // A text field read into parts: an amount out of range is said beside it, by its label.
  await retype(page, 'f-pricing-commitment', '-100/month', { keepsFocus: true, tab: true });
  const commitment = 'Committed spend: -100 is below 0 (allowed 0 – 10,000,000,000).';
  assert.equal(await settledText(page, '#f-pricing-commitment-error', commitment), commitment);
  await marked(page, 'f-pricing-commitment');
  assert.equal(await page.isHidden('[data-testid=input-error]'), true);
  assert.deepEqual(errors, []);
  await context.close();
});
