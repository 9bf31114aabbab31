/**
 * Shared by the browser tests: where Chromium is, and how a test skips visibly when it
 * (or playwright-core) is missing, so a CI log never hides that the browser was not tried.
 */

/** Debian's Chromium, unless `TYPELEARN_CHROMIUM` points elsewhere. */
export const CHROMIUM = process.env.TYPELEARN_CHROMIUM ?? '/usr/bin/chromium';

/** Skips the test with a message on stderr and in the test report. */
export function skipNotice(t: { skip(message: string): void; diagnostic(message: string): void }, why: string): void {
  const message = `browser test SKIPPED: ${why}`;
  process.stderr.write(`\n*** ${message} ***\n\n`);
  t.diagnostic(message);
  t.skip(message);
}
