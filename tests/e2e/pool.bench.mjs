// The default run on one and on two workers, several builds side by side in one browser (not
// part of the suite): `node tests/e2e/pool.bench.mjs ROUNDS DIST_A DIST_B ...`, each DIST a
// copy of a `trunk build --release` output. Opens one page per build and pool size (forced by
// the `burnrate.workers` entry of local storage), then, round by round, changes the seed on
// each in turn and times the run from its progress bar to the full report on the page's clock,
// as the suite's pool test does. Prints each build's times, medians and speed-up.
import { launchChromium } from './browser.mjs';
import { serveDist } from './serve.mjs';

const [rounds, ...dirs] = process.argv.slice(2);
const urls = (await Promise.all(dirs.map((dir) => serveDist('/', {}, dir)))).map((s) => s.url);
const browser = await launchChromium();

/** Runs in the page: when a run's progress bar appears and when the full report is then on
 *  screen, on the page's clock (`window.burnrateRun`, reset before each run). */
function watchRuns() {
  window.burnrateRun = { progress: 0, settled: 0 };
  new MutationObserver(() => {
    const run = window.burnrateRun;
    if (!run.progress && document.querySelector('[data-testid=run-progress]')) run.progress = performance.now();
    if (run.progress && !run.settled && document.querySelector('[data-testid=results][data-final=true][aria-busy=false]')) run.settled = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
}

const settled = (page) => page.waitForSelector('[data-testid=results][data-final=true][aria-busy=false]', { timeout: 60_000 });

const pages = [];
for (let build = 0; build < dirs.length; build++) {
  for (const workers of [1, 2]) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.addInitScript((n) => localStorage.setItem('burnrate.workers', String(n)), workers);
    await context.addInitScript(watchRuns);
    const page = await context.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.error(`${dirs[build]}: ${m.text()}`); });
    await page.goto(urls[build]);
    await settled(page);
    pages.push({ build, workers, page, times: [] });
  }
}
for (let round = 0; round < Number(rounds); round++) {
  for (const p of pages) {
    await p.page.evaluate(() => { window.burnrateRun = { progress: 0, settled: 0 }; });
    await p.page.fill('#f-uncertainty-seed', String(100 + round));
    await p.page.waitForSelector('[data-testid=run-progress]');
    await settled(p.page);
    const run = await p.page.evaluate(() => window.burnrateRun);
    p.times.push(Math.round(run.settled - run.progress));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
dirs.forEach((dir, build) => {
  const [one, two] = [1, 2].map((w) => pages.find((p) => p.build === build && p.workers === w).times);
  console.log(`${dir}: 1 worker ${one.join(', ')} ms (median ${median(one)}); 2 workers ${two.join(', ')} ms (median ${median(two)}); speed-up ${(median(one) / median(two)).toFixed(2)}×`);
});
await browser.close();
process.exit(0);
