// Takes the README screenshots of the release build:
//   `node tests/e2e/screenshot.mjs [out.png]`: the first screen (docs/screenshot.png, `make screenshot`);
//   `node tests/e2e/screenshot.mjs --usage [out.png]`: the usage panel (docs/usage-panel.png) with the
//   Copilot fixture read and calibrated.
import { launchChromium } from './browser.mjs';
import { serveDist } from './serve.mjs';

const usage = process.argv[2] === '--usage';
const out = process.argv[usage ? 3 : 2] || (usage ? 'docs/usage-panel.png' : 'docs/screenshot.png');
const FIXTURE = new URL('../fixtures/usage/copilot-organisation.csv', import.meta.url).pathname;

const server = await serveDist('/');
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1200, height: 1500 }, deviceScaleFactor: 1 });
await page.goto(server.url);
await page.waitForSelector('[data-testid=results][data-final=true]');
if (usage) {
  await page.setInputFiles('[data-testid=usage-files]', FIXTURE);
  await page.waitForSelector('[data-testid=usage-summary]');
  await page.waitForFunction(() => [...document.querySelectorAll('.diagnostic canvas')].every((c) => c.width > 300));
  await (await page.$('[data-testid=usage-panel]')).screenshot({ path: out });
} else {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out });
}
await browser.close();
await server.close();
