// End-to-end: report runs split across a pool of web workers. The pool's size is forced with
// the `burnrate.workers` entry of local storage; whatever it is, the report is the same bytes,
// and with two workers the default run finishes sooner on a machine with two cores.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { env, settled } from './harness.mjs';

/** CPU time of every web-worker thread of the browser's renderers so far [s], by thread (Linux
 *  only: read from /proc; empty elsewhere). Unlike wall time, it does not depend on how much of
 *  the machine other work leaves to the browser. */
function workerCpu() {
  const cpu = new Map();
  if (!existsSync('/proc/self/task')) return cpu;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!/type=renderer/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        if (!stat.includes('(DedicatedWorker')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpu.set(`${pid}/${tid}`, (Number(fields[11]) + Number(fields[12])) / 100);
      }
    } catch {
      // The process or thread ended while it was read.
    }
  }
  return cpu;
}

/** CPU time [s] of the native CLI's default run with `seed` on one thread (its JSON report to
 *  nowhere), or null without a release build of it or GNU time. */
function nativeCpu(seed) {
  const cli = new URL('../../target/release/burnrate', import.meta.url).pathname;
  if (!existsSync(cli) || !existsSync('/usr/bin/time')) return null;
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', cli, 'simulate', '--threads', '1', '--seed', String(seed)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const [user, system] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  return run.status === 0 ? user + system : null;
}

/** Runs in the page: notes on the page's clock, as the DOM changes, when a run's progress bar
 *  appears and when the full report is then on screen (`window.burnrateRun`, reset by the test
 *  before each run). Taken by a mutation observer, so the times carry none of the latency of
 *  the test driver's polling (150–300 ms a wait on the 2-core machine). */
function watchRuns() {
  window.burnrateRun = { progress: 0, settled: 0 };
  new MutationObserver(() => {
    const run = window.burnrateRun;
    if (!run.progress && document.querySelector('[data-testid=run-progress]')) run.progress = performance.now();
    if (run.progress && !run.settled && document.querySelector('[data-testid=results][data-final=true][aria-busy=false]')) {
      run.settled = performance.now();
    }
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

/** Opens the app with report runs on `workers` workers; the page, its errors and the scripts of
 *  the workers it started. */
async function openWith(workers) {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 }, acceptDownloads: true });
  await context.addInitScript((n) => localStorage.setItem('burnrate.workers', String(n)), workers);
  await context.addInitScript(watchRuns);
  const page = await context.newPage();
  const scripts = [];
  page.on('worker', (w) => scripts.push(w.url()));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // A worker of the pool that fails says so (its draws are then computed by another).
    if (m.type() === 'error' || /Burnrate/.test(m.text())) errors.push(m.text());
  });
  await page.goto(env.server.url);
  await settled(page);
  return { page, errors, context, scripts };
}

/** The text of the file a click on `testid` downloads. */
async function download(page, testid) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  let data = '';
  for await (const chunk of await file.createReadStream()) data += chunk;
  return data;
}

test('the report is the same bytes with one, two or three workers', async () => {
  const reports = [];
  for (const workers of [1, 2, 3]) {
    const { page, errors, context, scripts } = await openWith(workers);
    assert.equal(scripts.length, workers, `a pool of ${workers}: ${scripts.join(' ')}`);
    reports.push(await download(page, 'export-json'));
    // A second run on the pool once its workers are warm, after an edit.
    await page.fill('#f-uncertainty-seed', '7');
    await page.waitForSelector('[data-testid=run-progress]');
    await settled(page);
    reports.push(await download(page, 'export-json'));
    assert.deepEqual(errors, [], `${workers} workers`);
    await context.close();
  }
  assert.ok(reports[0].length > 100_000, `a whole report (${reports[0].length} bytes)`);
  assert.notEqual(reports[0], reports[1], 'another seed, other numbers');
  for (let i = 2; i < reports.length; i++) {
    assert.ok(reports[i] === reports[i % 2], `report ${i} differs from one worker's`);
  }
});

test('the page\'s report is the same bytes as the command line\'s', async () => {
  // The CLI as the native tests build it (the `test` profile, so no second build after
  // `cargo test`): same seed, same numbers, natively and in WebAssembly (SIMD included).
  const root = new URL('../../', import.meta.url).pathname;
  const build = spawnSync('cargo', ['build', '--locked', '--quiet', '--profile', 'test', '--bin', 'burnrate'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const cli = spawnSync(`${root}target/debug/burnrate`, ['simulate', '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  assert.equal(cli.status, 0, cli.stderr);
  const { page, errors, context } = await openWith(2);
  const json = await download(page, 'export-json');
  assert.ok(json.length > 100_000, `a whole report (${json.length} bytes)`);
  assert.ok(`${json}\n` === cli.stdout, `the page's export (${json.length} bytes) differs from \`burnrate simulate --format json\` (${cli.stdout.length} bytes)`);
  assert.deepEqual(errors, []);
  await context.close();
});

/** Rounds of the side-by-side test: each runs the default run on one and on two workers. */
const ROUNDS = 5;

test('the default run on one and on two workers, side by side', async () => {
  const pages = { 1: await openWith(1), 2: await openWith(2) };
  assert.deepEqual([pages[1].scripts.length, pages[2].scripts.length], [1, 2]);
  const times = { 1: [], 2: [] };
  // CPU time of the run's busiest worker and of all its workers [s].
  const busiest = { 1: [], 2: [] };
  const total = { 1: [], 2: [] };
  // WebAssembly against native: the same seed through the release CLI on one thread, when it
  // is built (`cargo build --release`), right after the browser's runs of each round, so that a
  // change in the machine's speed during the test weighs on both alike.
  const native = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const workers of [1, 2]) {
      const { page } = pages[workers];
      // A new seed: the same work, other numbers. Timed on the page's clock from the run's
      // start (its progress bar) to the full report on screen.
      const before = workerCpu();
      await page.evaluate(() => { window.burnrateRun = { progress: 0, settled: 0 }; });
      await page.fill('#f-uncertainty-seed', String(100 + round));
      await page.waitForSelector('[data-testid=run-progress]');
      await settled(page);
      const run = await page.evaluate(() => window.burnrateRun);
      assert.ok(run.progress > 0 && run.settled > run.progress, JSON.stringify(run));
      times[workers].push(Math.round(run.settled - run.progress));
      const used = [...workerCpu()].map(([t, s]) => s - (before.get(t) ?? 0)).filter((s) => s > 0.05);
      busiest[workers].push(Math.max(0, ...used));
      total[workers].push(used.reduce((a, b) => a + b, 0));
    }
    native.push(nativeCpu(100 + round));
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const speedUp = median(times[1]) / median(times[2]);
  const cpu = (xs) => median(xs).toFixed(2);
  console.log(`# CPU time of the default run's workers (medians): 1 worker ${cpu(total[1])} s; 2 workers ${cpu(total[2])} s in all, the busier ${cpu(busiest[2])} s: a speed-up of ${(median(busiest[1]) / median(busiest[2])).toFixed(2)}× where nothing else competes for the cores`);
  console.log(`# default run (2,000 developers × 24 months × 200 draws × 4 policy sets), start to report on screen: 1 worker ${times[1].join(', ')} ms (median ${median(times[1])}), 2 workers ${times[2].join(', ')} ms (median ${median(times[2])}); speed-up ${speedUp.toFixed(2)}×`);
  if (native.every((s) => s !== null)) {
    const ratios = native.map((s, round) => busiest[1][round] / s);
    console.log(`# WebAssembly against native, the whole default run (draws, reports, JSON) on one thread: worker ${busiest[1].map((s) => s.toFixed(2)).join(', ')} s of CPU, native ${native.map((s) => s.toFixed(2)).join(', ')} s, round by round: ${ratios.map((r) => r.toFixed(2)).join(', ')}× (median ${median(ratios).toFixed(2)}×)`);
  }
  // Not asserted: on a machine loaded by other work two workers get no more of its cores than
  // one. What must hold is that both pools finish every run.
  assert.ok(times[1].concat(times[2]).every((t) => t > 0), JSON.stringify(times));
  // What does hold: the work is split, each of two workers doing well under all of it.
  if (busiest[1].some((s) => s > 0)) {
    assert.ok(median(busiest[2]) < 0.75 * median(busiest[1]), `CPU ${JSON.stringify(busiest)}`);
  }
  for (const { errors, context } of Object.values(pages)) {
    assert.deepEqual(errors, []);
    await context.close();
  }
});
