// The end-to-end harness shared by every test file: the release build in dist/ served on
// loopback under a sub-path, one headless Chromium per file, and helpers that read the page.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './browser.mjs';
import { serveDist } from './serve.mjs';

export const BASE_PATH = '/tools/burnrate/';
export const HOST_PAGE = '/wiki/team-costs.html';
export const hostHtml = (src) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Wiki</title></head>
<body><h1>Team AI costs</h1>
<iframe id="burnrate" title="Burnrate" src="${src}" style="width:100%;height:150px;border:0"></iframe>
<p id="after">Text after the embed.</p>
<script>
addEventListener('message', (e) => {
  if (e.data && e.data.type === 'burnrate:height') {
    document.getElementById('burnrate').style.height = e.data.height + 'px';
  }
});
</script></body></html>`;
export const pages = {};
/** The server and browser of this file's tests, set before the first test. */
export const env = { server: null, browser: null };

before(async () => {
  env.server = await serveDist(BASE_PATH, pages);
  env.browser = await launchChromium();
});

after(async () => {
  await env.browser?.close();
  await env.server?.close();
});

/**
 * Opens the app; returns the page, the uncaught errors it reports and the paths the page and
 * its workers requested. `corruptPricing` serves a price table that does not read, `pricing`
 * the text of another one; `workers` forces the pool's size; `noTools` makes the tools
 * worker's script fail to load (`'worker'`: the page then loads the module itself) or every
 * script of the tools module (`'all'`).
 */
export async function open({ corruptPricing = false, pricing = null, workers = null, noTools = false } = {}) {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 }, deviceScaleFactor: 2, acceptDownloads: true });
  if (workers !== null) {
    await context.addInitScript((n) => localStorage.setItem('burnrate.workers', String(n)), workers);
  }
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  context.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/.test(m.text())) errors.push(m.text());
  });
  const served = corruptPricing ? '{"schema_version": 1, "models": [' : pricing;
  if (served !== null) {
    await page.route('**/pricing-data/catalogue.json', (route) =>
      route.fulfill({ status: 200, contentType: 'application/json', body: served }));
  }
  if (noTools) {
    const blocked = noTools === 'all' ? /\/tools-[^/]*\.js$/ : /\/tools-[0-9a-f]{16}\.js$/;
    await page.route(blocked, (route) => route.fulfill({ status: 404, body: 'gone' }));
  }
  await page.goto(env.server.url);
  await settled(page);
  return { page, errors, context, requests };
}

/** Waits until the results on screen are final: the whole run is in, no run is in flight. */
export async function settled(page) {
  await page.waitForSelector('[data-testid=results][data-final=true][aria-busy=false]');
}

/** Dollars shown in a headline figure. */
export async function dollars(page, testid) {
  const text = await page.textContent(`[data-testid=${testid}]`);
  assert.match(text, /^\$[\d,]+$/, `${testid} shows ${text}`);
  return Number(text.replace(/[$,]/g, ''));
}

/** Number of non-white pixels on the chart canvas, and its size in device pixels. */
export async function chartInk(page) {
  return page.evaluate(() => {
    const c = document.querySelector('canvas[data-testid^=chart-]');
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) ink++;
    }
    return { ink, width: c.width, cssWidth: c.clientWidth };
  });
}

/**
 * Opens the disclosure `details` (a CSS selector) as a reader does, by clicking its summary,
 * unless it is open, and waits for its content: the page renders a closed section's content
 * (the parameters, the organisation, a policy set, a data table) only once it is opened.
 */
export async function disclose(page, details) {
  if (!(await page.locator(details).evaluate((d) => d.open))) {
    await page.click(`${details} > summary`);
  }
  await page.waitForFunction((sel) => document.querySelector(sel)?.children.length > 1, details);
}

/** Opens every disclosure on the page and waits until each shows its content. */
export async function discloseAll(page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
  await page.waitForFunction(() => [...document.querySelectorAll('details')].every((d) => d.children.length > 1));
}

/** Waits until the headline figure differs from `before` and the run behind it is complete. */
export async function changed(page, testid, before) {
  await page.waitForFunction(
    ([id, old]) => document.querySelector(`[data-testid=${id}]`)?.textContent !== old,
    [testid, before],
  );
  await settled(page);
}


/** The id of the focused element. */
export const focused = (page) => page.evaluate(() => document.activeElement?.id ?? null);

/** Clicks into `#id`, empties it with Backspace and types `text` key by key, as a user does; then
 * Tab when `tab`. With `keepsFocus`, checks after every key that the field still has the focus,
 * that Backspace emptied it and that it shows what was typed. */
export async function retype(page, id, text, { tab = false, keepsFocus = false } = {}) {
  await page.click(`#${id}`);
  await page.keyboard.press('End');
  const length = (await page.inputValue(`#${id}`)).length;
  for (let i = 0; i < length; i++) {
    await page.keyboard.press('Backspace');
    if (keepsFocus) assert.equal(await focused(page), id, `#${id} keeps the focus while it is emptied`);
  }
  if (keepsFocus) assert.equal(await page.inputValue(`#${id}`), '', `#${id} is empty`);
  for (const key of text) {
    await page.keyboard.type(key);
    if (keepsFocus) assert.equal(await focused(page), id, `#${id} keeps the focus after typing "${key}"`);
  }
  if (keepsFocus) assert.equal(await page.inputValue(`#${id}`), text, `#${id} shows what was typed`);
  if (tab) await page.keyboard.press('Tab');
}

/** The paths of the workers `page` starts from now on (filled in as they start). */
export function workersOf(page) {
  const workers = [];
  page.on('worker', (w) => workers.push(new URL(w.url()).pathname));
  return workers;
}

/** Asserts that `workers` is one worker of the tools module (its script, named by content). */
export function assertOneToolsWorker(workers) {
  assert.equal(workers.length, 1, workers.join(' '));
  assert.match(workers[0], /\/tools-[0-9a-f]{16}\.js$/);
}
