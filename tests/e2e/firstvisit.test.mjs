// End-to-end: a first visit. Presets are named and described on screen, P10–P90 is explained
// near the figures, the Monte Carlo settings sit under "Uncertainty" below the organisation,
// and on a phone the results come before the form. Also the charts a manager reads: spend by
// kind for every policy set at once, and the sensitivity of a set's difference from the baseline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, settled, chartInk, disclose, env } from './harness.mjs';

const box = (page, selector) => page.locator(selector).first().boundingBox();

test('presets are named and described without hovering, and one opens in a click', async () => {
  const { page, errors, context } = await open();
  const items = page.locator('[data-testid=preset-list] li');
  assert.equal(await items.count(), 7);
  const first = await items.first().innerText();
  assert.match(first, /No policies/);
  assert.match(first, /adoption by diffusion alone/, 'the description is on screen');
  assert.ok(await items.first().locator('.hint').isVisible());
  assert.equal(await page.locator('#preset option[value=kirorank-token-board]').textContent(),
    'Raw-token leaderboard');
  await page.click('[data-preset=uber-cap-1500]');
  await page.waitForFunction(() => document.querySelector('[data-testid=scenario-notice]')
    ?.textContent.includes('Opened the preset uber-cap-1500'));
  await settled(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the summary table, the print-only assumptions and the editors come once the first chart is drawn, and then stay', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 } });
  // Notes, as the page changes, when each part appears and how many charts were drawn by then.
  await context.addInitScript(() => {
    window.came = {};
    new MutationObserver((_, observer) => {
      for (const id of ['summary', 'printed-assumptions', 'usage-panel']) {
        if (!window.came[id] && document.querySelector(`[data-testid=${id}]`)) {
          window.came[id] = {
            at: performance.now(),
            charts: performance.getEntriesByName('burnrate:chart-painted').length,
          };
        }
      }
      if (Object.keys(window.came).length === 3) observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(env.server.url);
  await page.waitForFunction(() => Object.keys(window.came).length === 3);
  // Each after the first chart (or after at most a second when the first draws are slow).
  for (const [id, came] of Object.entries(await page.evaluate(() => window.came))) {
    assert.ok(came.charts > 0 || came.at >= 1000, `${id} at ${Math.round(came.at)} ms with ${came.charts} charts drawn`);
  }
  await settled(page);
  for (const id of ['summary', 'printed-assumptions', 'usage-panel', 'solve', 'organisation', 'parameters']) {
    assert.equal(await page.locator(`[data-testid=${id}]`).count(), 1, id);
  }
  // A new run, and its first draws, leave them where they are: focus and typing stay.
  await page.click('[data-testid=parameters] summary');
  await page.click('#param-usage-mean_spend_usd');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('5');
  await page.waitForSelector('[data-testid=results][aria-busy=true]');
  assert.equal(await page.locator('[data-testid=usage-panel]').count(), 1);
  assert.equal(await page.locator('[data-testid=summary]').count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'param-usage-mean_spend_usd');
  await settled(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('P10–P90 is explained beside the results, and draws and seed sit under Uncertainty', async () => {
  const { page, errors, context } = await open();
  const note = await page.textContent('[data-testid=range-note]');
  assert.match(note, /P10–P90: 8 in 10 simulated futures fall in this range/);
  const heading = page.getByRole('heading', { name: 'Uncertainty' });
  assert.ok(await heading.isVisible());
  const uncertainty = page.locator('[data-testid=uncertainty]');
  assert.equal(await uncertainty.getByLabel('Seed').count(), 1);
  assert.equal(await uncertainty.getByLabel('Monte Carlo draws').count(), 1);
  assert.equal(await page.locator('form.controls').getByLabel('Seed').count(), 0,
    'the seed left the top form');
  const org = await box(page, '[data-testid=organisation]');
  const unc = await box(page, '[data-testid=uncertainty]');
  assert.ok(unc.y > org.y + org.height - 1, 'Uncertainty is below the organisation');
  assert.deepEqual(errors, []);
  await context.close();
});

test('on a 375 px phone the results come before the form, and nothing is wider than the screen', async () => {
  const { page, errors, context } = await open();
  await page.setViewportSize({ width: 375, height: 812 });
  const results = await box(page, '[data-testid=results]');
  const form = await box(page, 'form.controls');
  assert.ok(results.y + results.height <= form.y + 1,
    `results (${results.y}–${results.y + results.height}) above the form (${form.y})`);
  assert.ok(results.y < 812, 'the results start on the first screen');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 375, `the page scrolls sideways: ${overflow}`);
  const canvas = await box(page, 'canvas[data-testid^=chart-]');
  assert.ok(canvas.width <= 375 && canvas.width > 300);
  assert.deepEqual(errors, []);
  await context.close();
});

test('spend by kind shows a panel per policy set, its table a column per set and kind', async () => {
  const { page, errors, context } = await open();
  await page.click('[data-testid=tab-spend-by-kind]');
  assert.equal(await page.locator('#chart-policy').count(), 0, 'no picker: every set is drawn');
  await disclose(page, '#chart-panel details');
  const headers = await page.locator('[data-testid=chart-table] thead th').allTextContents();
  const sets = ['Baseline: mandate only', '+ token leaderboard', '+ deployment leaderboard', '+ guard rails'];
  for (const set of sets) {
    assert.ok(headers.some((h) => h.startsWith(set) && h.endsWith('productive')), `${set} in ${headers}`);
  }
  assert.equal(headers.length, 1 + 5 * sets.length);
  assert.ok((await chartInk(page)).ink > 5000);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the sensitivity of a set is of its difference from the baseline, in plain words', async () => {
  const { page, errors, context } = await open();
  await page.click('[data-testid=tab-tornado]');
  await page.selectOption('#chart-policy', '1');
  await disclose(page, '#chart-panel details');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=chart-table] tbody tr').length > 3,
    null, { timeout: 60000 });
  const headers = await page.locator('[data-testid=chart-table] thead th').allTextContents();
  assert.equal(headers[0], 'Parameter');
  assert.equal(headers[1], 'Identifier');
  assert.match(headers[3], /^Δ spend vs Baseline: mandate only at P10$/);
  const first = await page.locator('[data-testid=chart-table] tbody tr').first().locator('th, td').allTextContents();
  assert.doesNotMatch(first[0], /\./, `a plain name: ${first[0]}`);
  assert.match(first[1], /^[a-z_]+\.[a-z_]+$/, `the identifier: ${first[1]}`);
  assert.ok((await chartInk(page)).ink > 3000);
  assert.deepEqual(errors, []);
  await context.close();
});
