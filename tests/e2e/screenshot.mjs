// Takes the README screenshot (docs/screenshot.png) of the release build: `make screenshot`.
import { chromium } from 'playwright-core';
import { serveDist } from './serve.mjs';

const server = await serveDist('/');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 1500 }, deviceScaleFactor: 1 });
await page.goto(server.url);
await page.waitForSelector('[data-testid=results][data-final=true]');
await page.waitForLoadState('networkidle');
await page.screenshot({ path: process.argv[2] || 'docs/screenshot.png' });
await browser.close();
await server.close();
