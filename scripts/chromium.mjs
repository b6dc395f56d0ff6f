// Where Chromium is and how it must start on these machines; shared by the
// Playwright config and the benchmarks.
import fs from 'node:fs';

/** Debian's Chromium here; Playwright's own browser elsewhere (undefined). */
export function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
