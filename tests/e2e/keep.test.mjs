// End-to-end: nothing a user made is lost. A damaged or foreign link never overwrites the
// autosave, the damaged link's text stays copyable, the embedded view links to the full app and
// sizes itself both ways, and a page load asks for nothing that is missing.
// Run with `node --test tests/e2e/keep.test.mjs` after `trunk build --release`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BASE_PATH, HOST_PAGE, hostHtml, pages, env, open, settled, changed } from './harness.mjs';

/** Sets the developers field and waits for the autosave to hold the new scenario. */
async function edit(page, developers) {
  const before = await page.evaluate(() => localStorage.getItem('burnrate.scenario'));
  const shown = await page.textContent('[data-testid=total-spend-0]');
  await page.fill('#developers', developers);
  await changed(page, 'total-spend-0', shown);
  await page.waitForFunction((old) => localStorage.getItem('burnrate.scenario') !== old, before);
  return page.evaluate(() => localStorage.getItem('burnrate.scenario'));
}

test('a damaged link keeps the autosaved scenario and offers its text to copy', async () => {
  const { page, errors, context } = await open();
  const saved = await edit(page, '1234');

  const damaged = `${env.server.url}?visit=2#s=1.damaged`;
  await page.goto(damaged);
  await settled(page);
  const notice = await page.textContent('[data-testid=scenario-notice]');
  assert.match(notice, /this link is damaged or incomplete/);
  assert.doesNotMatch(notice, /decompress|Invalid|symbol|offset/, `no decoder words: ${notice}`);
  assert.equal(await page.inputValue('#developers'), '1234', 'your last scenario is shown instead');
  assert.equal(await page.inputValue('[data-testid=damaged-link-text]'), damaged);
  assert.equal(await page.evaluate(() => localStorage.getItem('burnrate.scenario')), saved, 'the autosave is untouched');
  assert.equal(page.url(), damaged, 'the link stays in the address until you change something');

  // Copy puts the link on the clipboard or, where the browser refuses, selects it for Ctrl+C.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.server.origin });
  await page.click('[data-testid=copy-damaged-link]');
  await page.waitForFunction(() => /Copied|Selected/.test(document.querySelector('[data-testid=damaged-link]').textContent));
  if ((await page.textContent('[data-testid=damaged-link]')).includes('Copied')) {
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), damaged);
  } else {
    assert.equal(await page.evaluate(() => {
      const f = document.querySelector('[data-testid=damaged-link-text]');
      return f.value.slice(f.selectionStart, f.selectionEnd);
    }), damaged);
  }

  await page.goto(`${env.server.url}?visit=3`);
  await settled(page);
  assert.equal(await page.inputValue('#developers'), '1234', 'the earlier scenario, not the default');
  assert.match(await page.textContent('[data-testid=scenario-notice]'), /Restored your last scenario/);

  // Once the user changes something after a damaged link, that change is kept, and the link's
  // text stays on screen.
  await page.goto(`${env.server.url}?visit=4#s=1.damaged`);
  await settled(page);
  const edited = await edit(page, '1500');
  assert.notEqual(edited, saved);
  assert.match(page.url(), /#s=1\.[A-Za-z0-9_-]{20,}$/);
  assert.equal(await page.inputValue('[data-testid=damaged-link-text]'), `${env.server.url}?visit=4#s=1.damaged`);
  assert.deepEqual(errors, []);
  await context.close();
});

test('opening a working link leaves the autosave alone until you change something', async () => {
  const { page: maker, context: makerContext } = await open();
  await edit(maker, '3000');
  const payload = (await maker.inputValue('[data-testid=share-link]')).split('#s=')[1];
  await makerContext.close();

  const { page, errors, context } = await open();
  const saved = await edit(page, '1234');
  await page.goto(`${env.server.url}?visit=1#s=${payload}`);
  await settled(page);
  assert.equal(await page.inputValue('#developers'), '3000');
  assert.equal(await page.evaluate(() => localStorage.getItem('burnrate.scenario')), saved);
  await page.goto(`${env.server.url}?visit=2`);
  await settled(page);
  assert.equal(await page.inputValue('#developers'), '1234');
  assert.deepEqual(errors, []);
  await context.close();
});

/** A scenario link with 1,500 developers, made in a browser of its own. */
async function sharedPayload() {
  const { page, context } = await open();
  await edit(page, '1500');
  const link = await page.inputValue('[data-testid=share-link]');
  await context.close();
  return link.split('#s=')[1];
}

/** Opens the host page with an embed at `src`; returns the page, its frame and errors. */
async function host(src) {
  pages[HOST_PAGE] = hostHtml(src);
  const context = await env.browser.newContext({ viewport: { width: 1000, height: 800 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(env.server.origin + HOST_PAGE);
  const frame = page.frameLocator('#burnrate');
  await frame.locator('[data-testid=embed][data-final=true][aria-busy=false]').waitFor();
  return { page, frame, errors, context };
}

test('"Open in Burnrate" opens the full app on the same scenario wherever embed=1 stands', async () => {
  const payload = await sharedPayload();
  for (const [query, kept] of [
    ['?embed=1&chart=adoption', ''],
    ['?chart=adoption&embed=1', ''],
    ['?a=b&embed=1&metrics=0', '?a=b'],
    ['?policy=1&chart=monthly-spend,adoption&embed=1&a=b', '?a=b'],
  ]) {
    const { page, frame, errors, context } = await host(`${BASE_PATH}${query}#s=${payload}`);
    const href = await frame.locator('[data-testid=open-full]').getAttribute('href');
    assert.ok(href.startsWith(`${env.server.url}${kept}#s=1.`), `${query} → ${href}`);
    const full = await context.newPage();
    const response = await full.goto(href);
    assert.equal(response.status(), 200, `${href}`);
    await settled(full);
    assert.equal(await full.inputValue('#developers'), '1500', `${query}: the same scenario`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('the embedded view posts a smaller height when its content shrinks', async () => {
  const payload = await sharedPayload();
  const { page, frame, errors, context } = await host(`${BASE_PATH}?embed=1&chart=monthly-spend,adoption#s=${payload}`);
  const iframeHeight = () => page.evaluate(() => document.getElementById('burnrate').getBoundingClientRect().height);
  await page.waitForFunction(() => parseInt(document.getElementById('burnrate').style.height, 10) > 600);
  const tall = await iframeHeight();

  // The host switches the embed to one chart without the table: less content.
  await page.evaluate((src) => { document.getElementById('burnrate').src = src; },
    `${BASE_PATH}?embed=1&chart=monthly-spend&metrics=0#s=${payload}`);
  await page.waitForFunction(() => document.getElementById('burnrate').contentWindow.location.search.includes('metrics=0'));
  await frame.locator('[data-testid=embed][data-final=true][aria-busy=false]').waitFor();
  assert.equal(await frame.locator('canvas').count(), 1);
  const fits = () => {
    const iframe = document.getElementById('burnrate');
    const content = iframe.contentDocument.documentElement.getBoundingClientRect().height;
    return Math.abs(iframe.getBoundingClientRect().height - content) <= 2;
  };
  await page.waitForFunction(fits);
  const short = await iframeHeight();
  assert.ok(short < tall - 200, `one chart without the table: ${short}px, was ${tall}px`);

  // Content removed inside the page shrinks it too, without a reload.
  await page.frames()[1].evaluate(() => document.querySelector('.embed-header').remove());
  await page.waitForFunction((old) => document.getElementById('burnrate').getBoundingClientRect().height < old - 10, short);
  await page.waitForFunction(fits);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a page load asks for nothing that is missing, and the page has an icon', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const failed = [];
  page.on('response', (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
  await page.goto(env.server.url);
  await settled(page);
  const icon = await page.$eval('link[rel=icon]', (l) => l.href);
  assert.ok(icon.startsWith(env.server.url), `the icon is served with the site: ${icon}`);
  const response = await page.request.get(icon);
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-type'], /image\/svg\+xml/);
  assert.match(await response.text(), /^<svg/);
  assert.deepEqual(failed, []);
  await context.close();
});
