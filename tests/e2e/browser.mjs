// The headless Chromium of the browser suite, its benchmarks and the screenshots: one launch,
// the same switches everywhere.
import { chromium } from 'playwright-core';

const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
const SWITCHES = [
  '--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-quic',
];

/**
 * Chromium's own features turned off, besides those Playwright turns off. The address bar's
 * suggestion popup is a WebUI page (chrome://omnibox-popup.top-chrome) that Chromium loads into
 * a renderer of its own for every new window, and Playwright opens a window for every new
 * browser context: on the 2-core machine it kept half a core busy for the first 0.6 s of every
 * fresh visit, beside the page being timed (docs/measurements.md, 2026-12-07). A person's
 * browser loaded it when its window opened, long before they follow a link to Burnrate.
 */
const FEATURES_OFF = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * Launches headless Chromium. Chromium reads only the last `--disable-features` switch, so the
 * list Playwright passes is read off a first launch and passed again with ours added.
 */
export async function launchChromium() {
  const probe = await chromium.launchServer({ executablePath: EXECUTABLE, args: SWITCHES });
  const spawned = probe.process().spawnargs;
  await probe.close();
  const prefix = '--disable-features=';
  const playwrights = spawned.find((a) => a.startsWith(prefix));
  const off = [...(playwrights ? playwrights.slice(prefix.length).split(',') : []), ...FEATURES_OFF];
  return chromium.launch({
    executablePath: EXECUTABLE,
    ignoreDefaultArgs: playwrights ? [playwrights] : [],
    args: [...SWITCHES, prefix + off.join(',')],
  });
}
