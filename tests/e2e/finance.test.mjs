// End-to-end: the finance analyst's journey. "What will we spend, and will the budget hold?":
// 5,000 developers, 12 months, a $2.4M budget and a fiscal year from July typed in with the
// keyboard; the probability the budget runs out read off the screen equals the command line's
// for the same scenario (its share link); the histogram names its fiscal year; the cumulative
// chart's data table has the month the budget is reached; the workbook downloaded from the page
// opens with a spreadsheet reader. With
// SCREENSHOT_DIR set, the first screen is saved as finance-desktop.png (1440×900) and
// finance-phone.png (375 px wide).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import readExcelFile from 'read-excel-file/node';
import { open, settled, retype, disclose } from './harness.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

/** The command line, as built by `cargo test` (or `cargo build`). */
function burnrate(args) {
  const bin = ['debug', 'release'].map((p) => join(ROOT, 'target', p, 'burnrate')).find(existsSync);
  const out = bin
    ? spawnSync(bin, args, { encoding: 'utf8', maxBuffer: 1 << 28 })
    : spawnSync('cargo', ['run', '--quiet', '--', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(out.status, 0, out.stderr);
  return out.stdout;
}

const value = (page, key) => page.textContent(`[data-testid=finance-${key}] [data-testid=finance-value]`);

test('a finance analyst sets headcount, horizon and budget, reads the risk and exports the workbook', async () => {
  const { page, errors, context } = await open();
  await retype(page, 'developers', '5000', { tab: true });
  await retype(page, 'f-months', '12', { tab: true });
  await page.click('[data-testid=organisation] summary');
  await retype(page, 'f-budget-annual_usd', '2400000', { tab: true });
  await retype(page, 'f-budget-fiscal_year_start', '7', { tab: true });
  await page.waitForFunction(() => document.querySelector('[data-testid=finance-budget]')?.textContent.includes('$2,400,000'));
  await page.waitForFunction(() => document.querySelector('[data-testid=histogram-title]')?.textContent.includes('FY2027'));
  await settled(page);

  // The histogram and the budget risk are of the fiscal year, which the title and label name;
  // the histogram's caption and the headline state the same probability.
  assert.equal(await page.textContent('[data-testid=histogram-title]'), 'Spend in FY2027 (Jul 2026 – Jun 2027), share of draws');
  const caption = await page.textContent('[data-testid=histogram-caption]');
  assert.match(caption, /^P\(spend in FY2027 ≥ the budget of \$2,400,000\) = \d+\.\d%: the budget runs out$/);
  assert.match(await page.textContent('[data-testid=finance-probability-the-budget-runs-out]'), /Probability the budget runs out in FY2027/);

  const risk = await value(page, 'probability-the-budget-runs-out');
  assert.match(risk, /^\d+\.\d%$/, risk);
  assert.ok(caption.includes(`= ${risk}:`), `caption ${caption}, headline ${risk}`);
  assert.match(await page.textContent('[data-testid=finance-probability-the-budget-runs-out]'), /month P10 \/ P50 \/ P90: /);
  assert.match(await value(page, 'next-12-months'), /^\$[\d,]+$/);
  assert.match(await value(page, '100-of-budget-reached'), /^([A-Z][a-z]{2} \d{4}|not reached)$/);

  // The command line gives the same figure for the same scenario.
  const link = await page.inputValue('[data-testid=share-link]');
  const payload = link.split('#s=')[1];
  const report = JSON.parse(burnrate(['simulate', '--link', payload, '--format', 'json']));
  const cli = report.policies[0].summary.finance.budget_period.over_budget_probability;
  assert.equal(report.policies[0].summary.annual_budget_usd, 2400000);
  assert.equal(risk, `${(cli * 100).toFixed(1)}%`, `screen ${risk}, CLI ${cli}`);

  // P(spend > amount) answers for an amount typed.
  await page.click('[data-testid=exceedance-amount]');
  await page.keyboard.type('-5');
  await page.waitForFunction(() => document.querySelector('[data-testid=exceedance-answer]')?.textContent.includes('-5'));
  assert.equal(await page.textContent('[data-testid=exceedance-answer]'),
    'P(spend > amount): amount [USD]: -5 is below 0 (allowed 0 – 10,000,000,000,000 USD). Type an amount in dollars, e.g. 2400000.');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('0');
  await page.waitForFunction(() => document.querySelector('[data-testid=exceedance-answer]')?.textContent.startsWith('P(spend in'));
  assert.equal(await page.textContent('[data-testid=exceedance-answer]'), 'P(spend in FY2027 > $0) = 100.0%');

  // The cumulative chart marks the month the budget is reached; its data table says so too.
  const reached = await value(page, '100-of-budget-reached');
  await page.click('[data-testid=tab-cumulative-spend]');
  await disclose(page, '#chart-panel details');
  const headers = await page.locator('[data-testid=chart-table] thead th').allTextContents();
  const lastCells = await page.locator('[data-testid=chart-table] tbody tr td:last-child').allTextContents();
  if (reached === 'not reached') {
    assert.ok(!headers.some((h) => h.endsWith('budget reached (median month)')), headers.join(' | '));
  } else {
    assert.equal(headers.at(-1), `${report.policies[0].name}: budget reached (median month)`);
    assert.deepEqual(lastCells.filter((c) => c !== ''), [`budget reached ${reached} (median)`]);
  }

  // The workbook downloads and opens with a reader.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-workbook]')]);
  assert.equal(download.suggestedFilename(), 'burnrate.xlsx');
  const file = join(mkdtempSync(join(tmpdir(), 'burnrate-')), 'burnrate.xlsx');
  await download.saveAs(file);
  const sheets = await readExcelFile(file);
  assert.deepEqual(sheets.map((s) => s.sheet), ['Summary', 'Monthly', 'Assumptions']);
  const sheet = (name) => sheets.find((s) => s.sheet === name).data;
  const summary = sheet('Summary');
  const row = summary.find((r) => r[0] === report.policies[0].name && r[1] === 'Budget runs out (month)');
  assert.ok(row, 'the summary has the budget row');
  assert.equal(row[6], cli);
  const monthly = sheet('Monthly');
  assert.equal(monthly.length, 13, 'a header and 12 months');
  const assumptions = sheet('Assumptions');
  assert.deepEqual(assumptions.find((r) => r[0] === 'Developers'), ['Developers', 5000]);

  // Copy link says what it did.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('[data-testid=copy-link]');
  await page.waitForSelector('[data-testid=copied]');
  assert.match(await page.textContent('[data-testid=copied]'), /Link copied|copy the link/);

  if (process.env.SCREENSHOT_DIR) {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/finance-desktop.png` });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${process.env.SCREENSHOT_DIR}/finance-phone.png` });
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('exports are written in the tools worker, or on the page without one; without the module the export says why', async () => {
  const alone = await open({ noTools: 'worker' });
  const [sheet] = await Promise.all([alone.page.waitForEvent('download'), alone.page.click('[data-testid=export-summary]')]);
  assert.equal(sheet.suggestedFilename(), 'burnrate-summary.csv');
  assert.deepEqual(alone.errors, []);
  await alone.context.close();

  const { page, errors, context, requests } = await open({ noTools: 'all' });
  const total = await page.textContent('[data-testid=total-spend-0]');
  assert.equal(requests.filter((p) => /tools-/.test(p)).length, 0, 'nothing of the tools module before an export');
  await page.click('[data-testid=export-summary]');
  const said = page.locator('.finance [data-testid=export-failed]');
  await said.filter({ hasText: 'Export failed' }).waitFor();
  assert.match(await said.textContent(),
    /^Export failed: This is done by a part of the page loaded when first needed, which this browser did not load/);
  assert.equal(await page.textContent('[data-testid=total-spend-0]'), total);
  // The scenario itself is written on the page, worker or not.
  const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-scenario]')]);
  assert.equal(file.suggestedFilename(), 'burnrate-scenario.json');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two exports from two panels that both fail each say so beside their own buttons', async () => {
  const { page, errors, context } = await open();
  // The tools module's scripts are held until both buttons are clicked, then refused: both
  // exports wait for the module at once, and both fail.
  let release;
  const clicked = new Promise((resolve) => { release = resolve; });
  await page.route(/\/tools-[^/]*\.js$/, async (route) => {
    await clicked;
    await route.fulfill({ status: 404, body: 'gone' });
  });
  await page.click('.finance [data-testid=export-summary]');
  await page.click('.share [data-testid=export-focus]');
  release();
  for (const panel of ['.finance', '.share']) {
    const said = page.locator(`${panel} [data-testid=export-failed]`);
    await said.filter({ hasText: 'Export failed' }).waitFor();
    assert.match(await said.textContent(), /^Export failed: This is done by a part of the page loaded when first needed.*`burnrate --help`\)\.$/);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a request the tools worker cannot read is refused beside its own button, and the next answer goes to the next request', async () => {
  const { page, errors, context } = await open();
  // A tools worker that listens (postcard of `FromWorker::Ready`, variant 0) and answers
  // every request with `FromWorker::NotUnderstood` (variant 8), as the module does with a
  // request it cannot read. Both bytes are pinned by a unit test in src/runner.rs.
  await page.route(/\/tools-[0-9a-f]+\.js$/, (route) => route.fulfill({
    contentType: 'text/javascript',
    body: 'postMessage(new Uint8Array([0])); onmessage = () => postMessage(new Uint8Array([8]));',
  }));
  await page.click('.finance [data-testid=export-summary]');
  const finance = page.locator('.finance [data-testid=export-failed]');
  await finance.filter({ hasText: 'Export failed' }).waitFor();
  assert.equal(await finance.textContent(), 'Export failed: The part of the page that does this could not read what it was sent; reload the page and try again.');
  await page.click('.share [data-testid=export-focus]');
  const share = page.locator('.share [data-testid=export-failed]');
  await share.filter({ hasText: 'Export failed' }).waitFor();
  assert.match(await share.textContent(), /could not read what it was sent/);
  assert.match(await finance.textContent(), /could not read what it was sent/, 'the finance panel still says its own');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the finance headline is above the fold at 1440×900 and first on a phone', async () => {
  const { page, errors, context } = await open();
  await page.setViewportSize({ width: 1440, height: 900 });
  const risk = await page.locator('[data-testid=finance-probability-the-budget-runs-out]').boundingBox();
  assert.ok(risk && risk.y + risk.height <= 900, `the budget risk is above the fold: ${JSON.stringify(risk)}`);
  await page.setViewportSize({ width: 375, height: 812 });
  const finance = await page.locator('[data-testid=finance]').boundingBox();
  const form = await page.locator('.controls').boundingBox();
  assert.ok(finance.y < form.y, 'the headline comes before the form on a phone');
  assert.deepEqual(errors, []);
  await context.close();
});
