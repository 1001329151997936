// Takes the usage panel's screenshot (docs/usage-panel.png) of the release build: the Copilot
// fixture read and calibrated, the calibration applied.
// `node tests/e2e/usage-screenshot.mjs [out.png]`
import { chromium } from 'playwright-core';
import { serveDist } from './serve.mjs';

const FIXTURE = new URL('../fixtures/usage/copilot-organisation.csv', import.meta.url).pathname;
const server = await serveDist('/');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 1500 }, deviceScaleFactor: 1 });
await page.goto(server.url);
await page.waitForSelector('[data-testid=results][data-final=true]');
await page.setInputFiles('[data-testid=usage-files]', FIXTURE);
await page.waitForSelector('[data-testid=usage-summary]');
await page.waitForFunction(() => [...document.querySelectorAll('.diagnostic canvas')].every((c) => c.width > 300));
const panel = await page.$('[data-testid=usage-panel]');
await panel.screenshot({ path: process.argv[2] || 'docs/usage-panel.png' });
await browser.close();
await server.close();
