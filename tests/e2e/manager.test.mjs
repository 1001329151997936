// End-to-end: the manager's journey. "Should we launch this policy?": the verdict sentences
// above the comparison, the set with the lowest cost per useful change highlighted, and the two
// leaderboards compared. With SCREENSHOT_DIR set, the verdict is also saved as
// $SCREENSHOT_DIR/manager-verdict.png (docs/manager-verdict.png in the README).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, settled } from './harness.mjs';

const verdictText = (page, i) => page.textContent(`[data-testid=verdict-${i}]`);

/** A verdict's shape: the spend sentence, the odds, then the deployments sentence. */
function assertVerdict(text, policy, baseline) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const spend = new RegExp(
    `^${escape(policy)} (costs \\$[\\d,.]+ (more|less) than ${escape(baseline)} \\(P10–P90 [^)]+\\)` +
    `|makes no clear difference to spend against ${escape(baseline)} \\([^)]+\\)` +
    `|costs the same as ${escape(baseline)})`);
  assert.match(text, spend, text);
  assert.match(text, /it costs more in \d+% of draws/, text);
  assert.match(text, /useful deployments/, text);
  assert.match(text, /cost per useful change/, text);
  assert.doesNotMatch(text, /\+\$0 \(\+\$0 – \+\$0\)/, text);
}

test('the default compares single changes and states a verdict on each', async () => {
  const { page, errors, context } = await open();
  const heads = await page.$$eval('[data-testid=summary] thead th', (ths) => ths.map((th) => th.textContent));
  assert.equal(heads.length, 5, 'a baseline and three single changes');
  assert.match(heads[2], /\+ token leaderboard.*leaderboard on raw tokens/);
  assert.match(heads[3], /\+ deployment leaderboard.*leaderboard on deployments/);

  const verdicts = await page.$$eval('[data-testid=verdicts] li', (li) => li.map((l) => l.textContent));
  assert.equal(verdicts.length, 3, 'one verdict per change against the baseline');
  assertVerdict(verdicts[0], '+ token leaderboard', 'Baseline: mandate only');
  assertVerdict(verdicts[1], '+ deployment leaderboard', 'Baseline: mandate only');
  assertVerdict(verdicts[2], '+ guard rails (ticket rule, chargeback)', 'Baseline: mandate only');
  assert.match(verdicts[0], /costs \$[\d,]+ more than/, 'a raw-token board costs more');
  assert.match(verdicts[0], /waste rises by \$[\d,]+/, 'and wastes more');

  const best = await page.textContent('[data-testid=lowest-cost]');
  assert.match(best, /has the lowest cost per useful change: \$[\d,.]+ per change \(median\)\./);
  const marked = await page.$$eval('[data-testid=summary] thead th.best', (ths) => ths.map((th) => th.textContent));
  assert.equal(marked.length, 1, 'one set is highlighted');
  assert.ok(best.startsWith(marked[0].split(/mandate to|no policy/)[0].trim()), `${best} vs ${marked[0]}`);
  assert.match(await page.textContent('[data-testid=verdicts]'), /one draw in ten falls below P10/);

  for (const id of ['gaming-spend', 'gamer-share', 'individual-output', 'reported-deployments', 'p99-user-month-spend', 'max-user-month-tokens']) {
    assert.ok(await page.isVisible(`[data-testid=${id}-1]`), `${id} is shown`);
  }
  assert.match(await page.textContent('[data-testid=cost-per-useful-change-0]'), /^\$[\d,]+(\.\d\d)?$/);

  await page.selectOption('[data-testid=baseline]', '1');
  await page.waitForFunction(() => document.querySelector('[data-testid=verdict-0]')?.textContent.startsWith('Baseline: mandate only'));
  assertVerdict(await verdictText(page, 0), 'Baseline: mandate only', '+ token leaderboard');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the two leaderboards compared: the deployment board against the token board', async () => {
  const { page, errors, context } = await open();
  await page.selectOption('[data-testid=preset]', 'deployment-board');
  await page.waitForFunction(() => document.querySelector('[data-testid=summary] thead')?.textContent.includes('Mandate + deployment leaderboard'));
  await settled(page);
  const text = await verdictText(page, 0);
  assertVerdict(text, 'Mandate + deployment leaderboard', 'Mandate + token leaderboard');
  assert.match(text, /costs \$[\d,]+ less than Mandate \+ token leaderboard/, 'the deployment board saves the gaming spend');
  assert.match(text, /waste falls by \$[\d,]+/);
  if (process.env.SCREENSHOT_DIR) {
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.locator('.summary').screenshot({ path: `${process.env.SCREENSHOT_DIR}/manager-verdict.png` });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('what should we set: the budget that holds and the per-user budget under a P90 target', async () => {
  const { page, errors, context } = await open();
  await page.click('[data-testid=solve-run]');
  await page.waitForSelector('[data-testid=solve-answer]');
  assert.match(await page.textContent('[data-testid=solve-answer]'),
    /^An annual budget of \$[\d,]+ holds for Baseline: mandate only with probability 90% \(180 of 200 draws\)\.$/);
  assert.equal(await page.locator('[data-testid=solve-curve] tbody tr').count(), 7);
  assert.equal(await page.locator('[data-testid=solve-curve] tr.answer').count(), 1, 'the answer is marked on the curve');

  await page.selectOption('[data-testid=solve-question]', 'cap');
  await page.fill('[data-testid=solve-amount]', '1,500,000');
  await page.press('[data-testid=solve-amount]', 'Tab');
  await page.click('[data-testid=solve-run]');
  await page.waitForFunction(() => document.querySelector('[data-testid=solve-answer]')?.textContent.includes('P90 annual spend'));
  const answer = await page.textContent('[data-testid=solve-answer]');
  assert.match(answer, /per-user monthly budget/, answer);
  // The 17-run questions of a 2,000-developer organisation run on 50 of its 200 draws.
  assert.match(await page.textContent('[data-testid=solve-computed-on]'),
    /^\d+ runs of 50 draws on seed 42; annual spend is the first twelve months\.$/);
  assert.ok(await page.locator('[data-testid=solve-curve] tbody tr').count() >= 9, 'the curve spans the lever');

  // The same target met by capping each agent run instead: the amount typed stays.
  await page.selectOption('[data-testid=solve-question]', 'run-cap');
  assert.equal(await page.inputValue('[data-testid=solve-amount]'), '1,500,000');
  // The target typed again key by key: a slip, Backspace, the rest, Tab.
  await page.click('[data-testid=solve-amount]');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('1,5000');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(',000');
  await page.keyboard.press('Tab');
  assert.equal(await page.inputValue('[data-testid=solve-amount]'), '1,500,000');
  await page.click('[data-testid=solve-run]');
  await page.waitForFunction(() => document.querySelector('[data-testid=solve-answer]')?.textContent.includes('per-run cap'));
  assert.match(await page.textContent('[data-testid=solve-answer]'), /per run/);
  assert.match(await page.textContent('[data-testid=solve-answer]'), /within \$1,500,000/);
  assert.equal(await page.textContent('[data-testid=solve-curve] thead th:first-child'), 'Per-run cap');
  assert.equal(await page.textContent('[data-testid=solve-curve] tbody tr:first-child th, [data-testid=solve-curve] tbody tr:first-child td'), '$0.10');

  // A probability typed past 100 % is refused by the field's label, then corrected.
  // Each edit clicks into the field, goes to the end of its text, presses `keys` one by one
  // (a key name or a character to type), leaves with Tab, solves and waits for `shown`.
  const editProbability = async (keys, shown) => {
    await page.click('[data-testid=solve-probability]');
    await page.keyboard.press('End');
    for (const key of keys) await page.keyboard.press(key);
    await page.keyboard.press('Tab');
    await page.click('[data-testid=solve-run]');
    await page.waitForSelector(shown);
  };
  await page.selectOption('[data-testid=solve-question]', 'headcount');
  await editProbability(['0'], '[data-testid=solve] .error');
  assert.equal(await page.textContent('[data-testid=solve] .error'),
    'Probability it holds (%): 900 is above 100 (allowed 1 – 100 %).');
  await editProbability(['Backspace'], '[data-testid=solve-answer]');
  const headcount = /^Up to [\d,]+ developers on Baseline: mandate only stay within \$1,500,000 a year with probability \d+% \(at least 90% asked\)\.$/;
  assert.match(await page.textContent('[data-testid=solve-answer]'), headcount);
  assert.equal(await page.locator('[data-testid=solve] .error').count(), 0);
  // A dollar sign does not make a percentage; a percent sign does ("90%").
  await editProbability(['Home', '$'], '[data-testid=solve] .error');
  assert.equal(await page.textContent('[data-testid=solve] .error'),
    'Probability it holds (%): "$90" is not a number (allowed 1 – 100 %).');
  await editProbability(['Home', 'Delete', 'End', '%'], '[data-testid=solve-answer]');
  await page.waitForSelector('[data-testid=solve] .error', { state: 'detached' });
  assert.equal(await page.inputValue('[data-testid=solve-probability]'), '90%');
  assert.match(await page.textContent('[data-testid=solve-answer]'), headcount);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the solver answers in a worker of its own; a new question or Cancel drops the one in flight', async () => {
  const { page, errors, context } = await open();
  const started = [];
  page.on('worker', (w) => started.push(w.url()));
  // The click returns at once and says the page is solving: the question's runs (about 2 s
  // of simulation for this one) are not the page's.
  const ask = (question) => page.evaluate(async (q) => {
    const select = document.querySelector('[data-testid=solve-question]');
    select.value = q;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await new Promise((ok) => setTimeout(ok, 0));
    const t0 = performance.now();
    document.querySelector('[data-testid=solve-run]').click();
    const blocked = performance.now() - t0;
    await new Promise((ok) => requestAnimationFrame(ok));
    return { blocked, status: document.querySelector('[data-testid=solve-status]')?.textContent ?? null };
  }, question);
  const asked = await ask('headcount');
  assert.match(asked.status, /^Solving…/);
  assert.ok(asked.blocked < 100, `the click held the page for ${asked.blocked} ms`);
  // The worker tells how many of the question's runs are done.
  await page.waitForFunction(() => /^Solving… \d+ of at most 17 runs done/
    .test(document.querySelector('[data-testid=solve-status]')?.textContent ?? ''));
  await page.waitForSelector('[data-testid=solve-answer]');
  assert.equal(started.length, 1, 'the first question starts the solver\'s worker');
  assert.match(started[0], /\/worker-[0-9a-f]{16}\.js$/);
  const headcount = await page.textContent('[data-testid=solve-answer]');
  assert.match(headcount, /^Up to [\d,]+ developers on Baseline: mandate only stay within \$2,400,000 a year/);
  await page.waitForSelector('[data-testid=solve-status]', { state: 'detached' });

  // Cancel stops the worker; the next question starts another and shows its own answer.
  await ask('headcount');
  await page.click('[data-testid=solve-cancel]');
  assert.equal(await page.locator('[data-testid=solve-status]').count(), 0);
  assert.equal(await page.locator('[data-testid=solve-answer]').count(), 0);
  await ask('budget');
  await page.waitForSelector('[data-testid=solve-answer]');
  assert.match(await page.textContent('[data-testid=solve-answer]'), /^An annual budget of \$[\d,]+ holds/);
  assert.equal(started.length, 2, 'a cancelled question\'s worker is not reused');

  // A question asked while another is in flight replaces it.
  await ask('headcount');
  await ask('budget');
  await page.waitForSelector('[data-testid=solve-answer]');
  assert.match(await page.textContent('[data-testid=solve-answer]'), /^An annual budget of \$[\d,]+ holds/);
  // The same question gives the same answer, wherever it was solved.
  await ask('headcount');
  await page.waitForSelector('[data-testid=solve-answer]');
  assert.equal(await page.textContent('[data-testid=solve-answer]'), headcount);
  assert.deepEqual(errors, []);
  await context.close();
});
