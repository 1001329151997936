// The page's main-thread CPU time per run, several builds side by side in one browser (not part
// of the suite; Linux only, read from /proc): `node tests/e2e/main-thread.bench.mjs ROUNDS
// DIST_A DIST_B ...`. Each round types a new seed on each build's page in turn and waits for the
// full report; the CPU time of the renderers' main threads this browser started is summed.
import { launchChromium } from './browser.mjs';
import { serveDist } from './serve.mjs';
const [rounds, ...dirs] = process.argv.slice(2);
const urls = (await Promise.all(dirs.map((dir) => serveDist('/', {}, dir)))).map((s) => s.url);
const browser = await launchChromium();
const pages = [];
for (const url of urls) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-testid=results][data-final=true][aria-busy=false]');
  pages.push({ page });
}
const busy = dirs.map(() => []);
import { readdirSync, readFileSync } from 'node:fs';
/** CPU time of every renderer's main thread so far [s]. */
function mainCpu() {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!/type=renderer/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'))) continue;
      let up = pid, mine = false;
      for (let k = 0; k < 8 && up > 1; k++) {
        const st = readFileSync(`/proc/${up}/stat`, 'utf8');
        up = Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]);
        if (up === process.pid) { mine = true; break; }
      }
      if (!mine) continue;
      const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      // The process ended while it was read.
    }
  }
  return total;
}
for (let r = 0; r < Number(rounds); r++) {
  for (let i = 0; i < dirs.length; i++) {
    const { page } = pages[i];
    const before = mainCpu();
    await page.fill('#f-uncertainty-seed', String(100 + r));
    await page.waitForSelector('[data-testid=run-progress]');
    await page.waitForSelector('[data-testid=results][data-final=true][aria-busy=false]');
    const after = mainCpu();
    busy[i].push(Math.round((after - before) * 1000));
    await page.waitForTimeout(300);
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
dirs.forEach((d, i) => console.log(`${d}: main thread busy ${busy[i].join(', ')} ms per run (median ${median(busy[i])})`));
await browser.close();
process.exit(0);
