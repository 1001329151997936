// End-to-end: runs that take a while. A run says how long it should take from the moment it
// starts, then how long is left; figures of inputs since changed are marked as the previous
// inputs'; a run estimated at over a minute waits until it is asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, settled, retype } from './harness.mjs';

test('a run over a minute waits to be asked for, then shows the time left, and can be cancelled', async () => {
  // On two workers, whatever the machine's cores.
  const { page, errors, context } = await open({ workers: 2 });
  // 500,000 developers (simulated as a sample of 50,000) and four draws run in a moment; four
  // hundred draws, about the most one run may ask for, are estimated at over a minute on two
  // workers.
  await retype(page, 'draws', '4');
  await retype(page, 'developers', '500000');
  await settled(page);
  const shown = await page.textContent('[data-testid=total-spend-0]');
  await page.click('#draws');
  await page.keyboard.press('End');
  await page.keyboard.type('00');
  const held = page.locator('[data-testid=run-held]');
  await held.waitFor({ timeout: 10000 });
  assert.match(await held.textContent(), /^This run is large: 500,000 developers \(a sample of about 50,000\) × 24 months × 400 draws × 4 policy sets, about 1 min \d+ s in this browser\./);
  assert.equal(await page.$('[data-testid=run-progress]'), null, 'nothing runs until asked');
  // The figures stay, marked as the previous inputs'.
  assert.equal(await page.textContent('[data-testid=total-spend-0]'), shown);
  await page.waitForSelector('[data-testid=stale]', { state: 'visible' });
  assert.match(await page.textContent('[data-testid=stale]'), /previous inputs/);
  // Those figures are not exported with the inputs on screen, which they are not of.
  let downloads = 0;
  page.on('download', () => downloads++);
  await page.click('[data-testid=export-focus]');
  // Said beside the button, where the eyes are.
  const said = page.locator('.share [data-testid=export-failed]');
  await said.filter({ hasText: 'Export failed' }).waitFor();
  assert.equal(await said.textContent(),
    'Export failed: the results on screen are of inputs since changed; export them once the new results are in.');
  assert.equal(downloads, 0);
  await page.click('[data-testid=run-held] button');
  await page.waitForSelector('[data-testid=run-held]', { state: 'detached' });
  const progress = page.locator('[data-testid=run-progress] label');
  await page.waitForFunction(() => / left$/.test(document.querySelector('[data-testid=run-progress] label')?.textContent ?? ''), null, { timeout: 60000 });
  assert.match(await progress.textContent(), /^Simulating: \d+ of 400 draws, about (\d+ s|\d+ min( \d+ s)?|under a second) left$/);
  await page.click('[data-testid=run-progress] button');
  await page.waitForSelector('[data-testid=run-progress]', { state: 'detached' });
  assert.deepEqual(errors, []);
  await context.close();
});

test('a run says how long it should take as soon as it starts, and figures are marked until it reports', async () => {
  const { page, errors, context } = await open();
  await settled(page);
  // Every text the progress bar shows, from the first render on.
  await page.evaluate(() => {
    window.progressTexts = [];
    new MutationObserver(() => {
      const t = document.querySelector('[data-testid=run-progress] label')?.textContent;
      if (t && window.progressTexts.at(-1) !== t) window.progressTexts.push(t);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await retype(page, 'draws', '400');
  await settled(page);
  const texts = await page.evaluate(() => window.progressTexts);
  assert.ok(texts.some((t) => /^Simulating 2,000 developers × 24 months × 400 draws × 4 policy sets: about \d+ s$/.test(t)), texts.join(' | '));
  assert.ok(texts.some((t) => /^Simulating: \d+ of 400 draws/.test(t)), texts.join(' | '));
  assert.equal(await page.$('[data-testid=stale]'), null, 'fresh figures are not marked');
  assert.deepEqual(errors, []);
  await context.close();
});
