/**
 * Shared by the browser tests: where Chromium is, and how a test skips visibly when it
 * (or playwright-core) is missing, so a CI log never hides that the browser was not tried.
 */
import { existsSync } from 'node:fs';

/** Debian's Chromium, unless `TYPELEARN_CHROMIUM` points elsewhere. */
export const CHROMIUM = process.env.TYPELEARN_CHROMIUM ?? '/usr/bin/chromium';

/** Skips the test with a message on stderr and in the test report. */
export function skipNotice(t: { skip(message: string): void; diagnostic(message: string): void }, why: string): void {
  const message = `browser test SKIPPED: ${why}`;
  process.stderr.write(`\n*** ${message} ***\n\n`);
  t.diagnostic(message);
  t.skip(message);
}

/**
 * Headless Debian Chromium driven by playwright-core, started with the flags this
 * closed network needs (no background connections); null after a visible skip
 * when Chromium or playwright-core is missing.
 */
export async function launchChromium(t: {
  skip(message: string): void;
  diagnostic(message: string): void;
}): Promise<import('playwright-core').Browser | null> {
  if (!existsSync(CHROMIUM)) {
    skipNotice(t, `no Chromium at ${CHROMIUM} (install Debian's chromium package)`);
    return null;
  }
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch {
    skipNotice(t, 'playwright-core is not installed');
    return null;
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}
