// End-to-end: the page by keyboard alone. The first Tab stop skips to the results; the chart
// tabs follow the WAI-ARIA tabs pattern (one Tab stop, arrow keys, Home and End, a tab panel).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, focused } from './harness.mjs';

test('the first Tab stop skips to the results', async () => {
  const { page, errors, context } = await open();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to the results');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'results');
  assert.deepEqual(errors, []);
  await context.close();
});

test('chart tabs are one Tab stop, moved through with the arrow keys, Home and End', async () => {
  const { page, errors, context } = await open();
  const tabs = page.locator('[role=tab]');
  const count = await tabs.count();
  assert.ok(count >= 8);
  const stops = await page.locator('[role=tab][tabindex="0"]').count();
  assert.equal(stops, 1, 'one tab in the Tab order');
  await page.focus('#tab-monthly-spend');
  await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), 'tab-spend-by-kind');
  assert.equal(await page.getAttribute('#tab-spend-by-kind', 'aria-selected'), 'true');
  assert.equal(await page.getAttribute('#tab-monthly-spend', 'tabindex'), '-1');
  assert.equal(await page.getAttribute('#chart-panel', 'aria-labelledby'), 'tab-spend-by-kind');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  const last = await tabs.nth(count - 1).getAttribute('id');
  assert.equal(await focused(page), last, 'ArrowLeft wraps to the last tab');
  await page.keyboard.press('Home');
  assert.equal(await focused(page), 'tab-monthly-spend');
  await page.keyboard.press('End');
  assert.equal(await focused(page), last);
  // Tab leaves the tab list for the panel.
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.activeElement?.closest('[role=tablist]') === null);
  assert.ok(next, 'Tab leaves the tab list');
  assert.equal(await page.getAttribute('#chart-panel', 'role'), 'tabpanel');
  assert.deepEqual(errors, []);
  await context.close();
});
