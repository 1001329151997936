// First chart after navigation, several builds side by side in one browser (not part of the
// suite): `node tests/e2e/first-chart.bench.mjs ROUNDS DIST_A DIST_B ...`, each DIST a copy of a
// `trunk build --release` output; the builds alternate, a fresh context each time. Prints the
// times of each build, and any `T <label> <ms since epoch>` lines its console logged, as ms after
// navigation (for a build instrumented to say where the time goes).
import { launchChromium } from './browser.mjs';
import { serveDist } from './serve.mjs';
const [rounds, ...dirs] = process.argv.slice(2);
const urls = (await Promise.all(dirs.map((dir) => serveDist('/', {}, dir)))).map((s) => s.url);
const browser = await launchChromium();
const times = dirs.map(() => []);
const marks = dirs.map(() => []);
for (let r = 0; r < Number(rounds); r++) {
  for (let i = 0; i < dirs.length; i++) {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    const traces = [];
    page.on('console', (m) => { if (m.text().startsWith('T ')) traces.push(m.text()); });
    await page.goto(`${urls[i]}?visit=${r}`);
    const h = await page.waitForFunction(() => {
      const m = performance.getEntriesByName('burnrate:chart-painted');
      return m.length ? m[0].startTime : null;
    });
    times[i].push(Math.round(await h.jsonValue()));
    const origin = await page.evaluate(() => performance.timeOrigin);
    await new Promise((ok) => setTimeout(ok, 50));
    marks[i].push(traces.map((t) => { const [, l, at] = t.split(' '); return `${l}@${Math.round(Number(at) - origin)}`; }).join(' '));
    await context.close();
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
dirs.forEach((d, i) => {
  console.log(`${d}: ${times[i].join(', ')} ms (median ${median(times[i])})`);
  if (marks[i][0]) console.log(`   marks: ${marks[i].join(' | ')}`);
});
await browser.close();
process.exit(0);
