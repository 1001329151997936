import { chromium } from 'playwright-core';
import { serveDist } from './serve.mjs';
const server = await serveDist('/');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 800, height: 900 }, deviceScaleFactor: 1 });
page.on('pageerror', (e) => console.log('PAGEERROR', e.message));
for (const q of ['?embed=1&chart=monthly-spend,adoption', '?embed=1&chart=nonsense&policy=9', '?embed=1&metrics=0&chart=distribution']) {
  await page.goto(server.url + q);
  await page.waitForFunction(() => document.querySelector('[data-testid=results][data-final=true]') || document.querySelector('.embed-error, [role=alert]:not([hidden])'), null, { timeout: 30000 }).catch(() => {});
  await page.waitForTimeout(1000);
  const name = q.replace(/[^a-z]/g, '').slice(0, 30);
  await page.screenshot({ path: `/tmp/embed-${name}.png`, fullPage: true });
  console.log(q, '→', `/tmp/embed-${name}.png`, (await page.evaluate(() => document.body.innerText)).slice(0, 300).replace(/\n/g, ' | '));
}
await browser.close(); await server.close();
