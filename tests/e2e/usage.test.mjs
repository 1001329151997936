// "Your usage data": a Copilot usage report picked in the page is read and calibrated in the
// worker; the files, fitted values and diagnostics show; "Use this calibration" changes the
// scenario and its spend; and no name from the report reaches the URL, local storage or an
// exported file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { open, settled, dollars, changed, retype, disclose, workersOf, assertOneToolsWorker } from './harness.mjs';

const FIXTURE = new URL('../fixtures/usage/copilot-organisation.csv', import.meta.url).pathname;

/** Every user name in the fixture's `username` column. */
function names() {
  const [header, ...rows] = readFileSync(FIXTURE, 'utf8').trim().split('\n');
  const column = header.split(',').indexOf('username');
  return [...new Set(rows.map((r) => r.split(',')[column]))];
}

/** `text` with every share-link payload in it (`1.<base64url deflate>`) unpacked beside it. */
function unpacked(text) {
  const payloads = text.match(/\b1\.[A-Za-z0-9_-]{40,}/g) || [];
  assert.ok(payloads.length > 0, `a link payload in ${text.slice(0, 80)}`);
  return text + payloads.map((p) => inflateRawSync(Buffer.from(p.slice(2), 'base64url')).toString()).join('\n');
}

async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  const stream = await file.createReadStream();
  let data = '';
  for await (const chunk of stream) data += chunk;
  return data;
}

test('a Copilot report calibrates the scenario in the page and names no one outside it', async () => {
  const { page, errors, context } = await open();
  const shown = await page.textContent('[data-testid=total-spend-0]');
  const before = await dollars(page, 'total-spend-0');

  await page.setInputFiles('[data-testid=usage-files]', FIXTURE);
  await page.waitForSelector('[data-testid=usage-summary]');
  assert.equal(await page.textContent('[data-testid=usage-format]'), 'GitHub Copilot AI usage report');
  const rows = await page.textContent('[data-testid=usage-rows]');
  assert.match(rows, /410 rows read, 408 imported, 2 skipped; 48 people, 6 months/);
  const skipped = await page.textContent('[data-testid=usage-skipped]');
  assert.match(skipped, /bad date: 1/);
  assert.match(skipped, /bad number: 1/);
  assert.match(await page.textContent('.usage-files .problems'), /copilot-organisation\.csv:\d+: column/);
  assert.match(await page.textContent('[data-testid=usage-summary]'), /48 people, 2026-01 – 2026-06/);

  const sigma = await page.textContent('[data-testid=usage-fitted] tr[data-path="usage.sigma"] [data-testid=fitted-interval]');
  const value = parseFloat(await page.textContent('[data-testid=usage-fitted] tr[data-path="usage.sigma"] [data-testid=fitted-value]'));
  const [low, high] = sigma.match(/^([\d.]+) – ([\d.]+)$/).slice(1).map(Number);
  assert.ok(low < value && value < high, `σ inside its interval: ${sigma}`);
  assert.ok(low < 0.9 && 0.9 < high, `the fixture's σ of 0.9 is inside the 90 % interval: ${sigma}`);
  const mean = await page.textContent('[data-testid=usage-fitted] tr[data-path="usage.mean_spend_usd"] [data-testid=fitted-value]');
  assert.match(mean, /^\$[\d,.]+/);
  assert.match(await page.textContent('[data-testid=usage-fitted] tr[data-path="adoption.q"]'), /\d/);
  // The report bills about 3.1 times list price; the scenario carries that price level.
  const price = await page.textContent('[data-testid=usage-fitted] tr[data-path="pricing"]');
  assert.match(price, /Price paid vs list/);
  assert.match(await page.textContent('[data-testid=usage-fitted] tr[data-path="pricing"] [data-testid=fitted-value]'), /^3\.10 × list$/);
  assert.match(await page.getAttribute('[data-testid=usage-fitted] tr[data-path="pricing"]', 'title'), /3\.10× the list price.*from \d+ billed rows/);
  for (const chart of ['usage-spend-chart', 'usage-adoption-chart']) {
    const ink = await page.$eval(`canvas[data-testid=${chart}]`, (c) => {
      const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) n++;
      return n;
    });
    assert.ok(ink > 2000, `${chart} is drawn (${ink} inked pixels)`);
  }
  assert.match(await page.textContent('[data-testid=usage-spend-chart-caption]'), /observed \(\d+ people\) and fitted lognormal/);
  assert.match(await page.textContent('[data-testid=usage-adoption-chart-caption]'), /Bass curve/);

  await page.click('[data-testid=usage-apply]');
  await changed(page, 'total-spend-0', shown);
  const after = await dollars(page, 'total-spend-0');
  assert.notEqual(after, before, 'the calibrated scenario spends differently');
  assert.match(await page.textContent('[data-testid=scenario-notice]'), /calibration to your usage data/);
  assert.match(await page.textContent('[data-testid=usage-provenance]'), /48 people/);
  // The months spent: on the monthly chart's table and in the reforecast.
  await page.click('[data-testid=tab-monthly-spend]');
  await disclose(page, '#chart-panel details');
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-table]')?.textContent.includes('Observed (your usage data)'));
  assert.match(await page.textContent('[data-testid=reforecast-headline]'), /^At the current trajectory/);
  // The reforecast rests on many draws: the calibration gave the 48 people 2,000 of them, and
  // the full run (not the preliminary one) weighs them.
  await page.waitForFunction(() => /effective draws of 2,000\./.test(document.querySelector('[data-testid=reforecast]')?.textContent ?? ''));
  const reforecast = await page.textContent('[data-testid=reforecast]');
  assert.doesNotMatch(reforecast, /match few draws/);
  assert.match(reforecast, /Each draw continues from the level observed.*a monthly error of ±\d+ %, fitted\): \d+ effective draws/);
  if (process.env.SCREENSHOT_DIR) {
    await page.locator('[data-testid=reforecast]').screenshot({ path: `${process.env.SCREENSHOT_DIR}/reforecast.png` });
  }
  await disclose(page, '[data-testid=reforecast] details');
  assert.match(await page.textContent('[data-testid=reforecast-months]'), /Jun 2026: spent \$[\d,]+, forecast \$[\d,]+ \([+-]\d+ %\)/);
  // A finance user types the year's budget: the reforecast restates the headline from today's
  // position (six months spent, $70,626; about $17,000 a month since): it runs out in November.
  await page.click('[data-testid=organisation] summary');
  await retype(page, 'f-budget-annual_usd', '150000', { tab: true });
  await page.waitForFunction(() => {
    const text = document.querySelector('[data-testid=reforecast]')?.textContent ?? '';
    return text.includes('$150,000 budget') && /effective draws of 2,000\./.test(text);
  });
  assert.match(await page.textContent('[data-testid=reforecast-headline]'), /^At the current trajectory the \$150,000 budget runs out in Nov 2026, with probability \d+ %\.$/);
  // Every policy set has its reforecast: picking another restates the headline for it.
  const options = await page.$$eval('[data-testid=reforecast-policy] option', (o) => o.map((x) => x.textContent));
  assert.equal(options.length, 4, `one reforecast per policy set: ${options}`);
  const first = await page.textContent('[data-testid=reforecast]');
  await page.selectOption('[data-testid=reforecast-policy]', '3');
  await page.waitForFunction((old) => document.querySelector('[data-testid=reforecast]').textContent !== old, first);
  assert.match(await page.textContent('[data-testid=reforecast-headline]'), /^At the current trajectory/);
  // Each cost centre's months spent, on the cost-centre chart's table.
  await page.click('[data-testid=tab-cost-centres]');
  await page.waitForFunction(() => document.querySelector('[data-testid=chart-table]')?.textContent.includes('Platform: observed'));

  // Privacy: nobody from the report in the link, the autosave or an export.
  await page.waitForFunction(() => localStorage.getItem('burnrate.scenario') !== null);
  const stored = unpacked(await page.evaluate(() => Object.keys(localStorage).map((k) => k + '=' + localStorage.getItem(k)).join('\n')));
  assert.match(stored, /"provenance"/, 'the autosave is read unpacked');
  const exported = [
    await download(page, 'export-scenario'),
    await download(page, 'export-csv'),
    await download(page, 'export-json'),
    await download(page, 'export-focus'),
  ];
  assert.match(exported[0], /"provenance"/);
  const url = unpacked(page.url());
  const decoded = unpacked(await page.inputValue('[data-testid=share-link]'));
  assert.match(decoded, /"provenance"/, 'the link is read unpacked');
  for (const name of names()) {
    for (const [where, text] of [['local storage', stored], ['URL', url], ['share link', decoded], ...exported.map((t, i) => [`export ${i}`, t])]) {
      assert.ok(!text.includes(name), `${name} appears in the ${where}`);
    }
  }
  assert.ok(!exported[0].includes('copilot-organisation'), 'no file name in the scenario');

  await page.click('[data-testid=usage-restore]');
  await changed(page, 'total-spend-0', await page.textContent('[data-testid=total-spend-0]'));
  await settled(page);
  assert.equal(await dollars(page, 'total-spend-0'), before, 'the scenario before the calibration is back');
  assert.deepEqual(errors, []);
  await context.close();
});

/** The fitted σ of the usage panel's table. */
async function fittedSigma(page) {
  return parseFloat(await page.textContent('[data-testid=usage-fitted] tr[data-path="usage.sigma"] [data-testid=fitted-value]'));
}

test('the per-user cap and the seats, typed with the keyboard, change the fit', async () => {
  const { page, errors, context } = await open();
  await page.setInputFiles('[data-testid=usage-files]', FIXTURE);
  await page.waitForSelector('[data-testid=usage-summary]');
  const naive = await fittedSigma(page);
  assert.match(await page.innerHTML('[data-testid=usage-fitted]'), /no cap given/);

  const cap = '#f-calibration-cap_usd';
  assert.match(await page.textContent('[data-testid=calibration-inputs]'), /Per-user cap.*USD \/ month/s);
  await page.click(cap);
  await page.keyboard.type('2000000');
  await page.waitForSelector('#f-calibration-cap_usd-error');
  const message = await page.textContent('#f-calibration-cap_usd-error');
  assert.match(message, /Per-user cap/);
  assert.match(message, /USD \/ month/);
  assert.equal(await page.getAttribute(cap, 'aria-invalid'), 'true');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
  await page.waitForSelector('#f-calibration-cap_usd-error', { state: 'detached' });
  assert.equal(await page.inputValue(cap), '200');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('00');
  await page.keyboard.press('Tab');
  assert.equal(await page.inputValue(cap), '2000');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'f-calibration-seats', 'Tab moves on to the seats');
  await page.waitForFunction(() => /right-censored at the \$2000 monthly cap/.test(document.querySelector('[data-testid=usage-fitted]')?.innerHTML ?? ''));
  const censored = await fittedSigma(page);
  assert.ok(censored > naive, `a censored fit spreads wider than the naive one: ${censored} vs ${naive}`);

  await page.keyboard.type('500');
  await page.keyboard.press('Tab');
  // Each key refits; the fit of "5" may show first, so wait for the fit of all three keys.
  await page.waitForFunction(() => /over 500 seats/.test(document.querySelector('[data-testid=usage-fitted]')?.innerHTML ?? ''));
  assert.match(await page.textContent('[data-testid=usage-fitted] tr[data-path="organisation"]'), /500/);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Writes a Copilot report of `rows` rows (2,000 people over 12 months) to `path`. */
async function largeReport(path, rows) {
  const out = createWriteStream(path);
  const write = (text) => new Promise((ok) => (out.write(text) ? ok() : out.once('drain', ok)));
  await write('date,username,product,sku,model,quantity,unit_type,applied_cost_per_quantity,gross_amount,discount_amount,net_amount,total_monthly_quota,organization,repository,cost_center_name,aic_quantity,aic_gross_amount,input,output,cache_read,cache_write\n');
  const models = ['Claude Sonnet 4.6', 'Auto: Claude Haiku 4.5', 'GPT-5.5'];
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const person = i % 2000;
    const month = Math.max(person % 12, Math.floor(i / 2000 / 42) % 12);
    const level = 1 + (person * 7919) % 400;
    chunk += `2026-${String(month + 1).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},dev-${person},copilot,copilot_ai_credit,${models[i % 3]},${level}.5,ai-credits,0.01,${Math.floor(level / 40)}.${String(level % 100).padStart(2, '0')},0,0,1900,acme,web,cc-${person % 8},0,0,${100 + level},${2000 + level * 10},${50000 + level * 500},${3000 + level * 20}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise((ok) => out.end(ok));
}

test('the importer module loads with the first import, not before; without a worker on the page; without it the panel says why', async () => {
  const { page, errors, context, requests } = await open();
  const workers = workersOf(page);
  const tools = () => requests.filter((p) => /\/(burnrate-)?tools-[0-9a-f]{16}(_bg\.wasm|\.js)$/.test(p));
  assert.deepEqual(tools(), [], 'a first visit fetches no importer code');
  await page.setInputFiles('[data-testid=usage-files]', FIXTURE);
  await page.waitForSelector('[data-testid=usage-summary]');
  assert.equal(tools().length, 3, `the worker's script, the module's glue and its wasm: ${tools().join(' ')}`);
  assertOneToolsWorker(workers);
  assert.deepEqual(errors, []);
  await context.close();

  // No worker: the page loads the module itself and reads the files there.
  const alone = await open({ noTools: 'worker' });
  await alone.page.setInputFiles('[data-testid=usage-files]', FIXTURE);
  await alone.page.waitForSelector('[data-testid=usage-summary]');
  assert.match(await alone.page.textContent('[data-testid=usage-rows]'), /410 rows read, 408 imported, 2 skipped/);
  assert.ok(alone.requests.some((p) => /\/tools-page-[0-9a-f]{16}\.js$/.test(p)), 'the module loaded on the page');
  assert.deepEqual(alone.errors, []);
  await alone.context.close();

  // Not even that: the panel says why, and the numbers stay.
  const broken = await open({ noTools: 'all' });
  const total = await broken.page.textContent('[data-testid=total-spend-0]');
  await broken.page.setInputFiles('[data-testid=usage-files]', FIXTURE);
  await broken.page.waitForSelector('[data-testid=usage-error]');
  assert.match(await broken.page.textContent('[data-testid=usage-error]'),
    /part of the page loaded when first needed, which this browser did not load/);
  assert.equal(await broken.page.textContent('[data-testid=total-spend-0]'), total, 'the numbers stay');
  assert.equal(await broken.page.$('[data-testid=usage-progress]'), null, 'no progress left showing');
  assert.deepEqual(broken.errors, []);
  await broken.context.close();
});

test('a million usage rows are read and calibrated in the worker with progress', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'burnrate-usage-'));
  const path = join(dir, 'copilot-1m.csv');
  await largeReport(path, 1_000_000);
  const { page, errors, context } = await open();
  const started = Date.now();
  await page.setInputFiles('[data-testid=usage-files]', path);
  await page.waitForSelector('[data-testid=usage-progress]');
  await page.waitForSelector('[data-testid=usage-summary]', { timeout: 120_000 });
  const seconds = (Date.now() - started) / 1000;
  const timing = await page.textContent('[data-testid=usage-outcome] .hint');
  console.log(`1,000,000 Copilot rows read and calibrated in the page: ${seconds.toFixed(1)} s (${timing})`);
  assert.match(await page.textContent('[data-testid=usage-rows]'), /1,000,000 rows read, 1,000,000 imported, 0 skipped; 2,000 people, 12 months/);
  assert.deepEqual(errors, []);
  await context.close();
  rmSync(dir, { recursive: true });
});
