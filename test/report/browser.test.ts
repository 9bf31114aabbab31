// Opens the titanic report in headless Chromium (Debian's /usr/bin/chromium driven by playwright-core)
// and checks that every chart rendered, nothing was fetched and the console stayed clean.
// Keeps test-artifacts/report.html and test-artifacts/report.png. Skips, visibly, without Chromium.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchChromium } from '../helpers/browser.js';
import { chartKeys, datasetReport } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ARTIFACTS = join(ROOT, 'test-artifacts');

/** What the page reports about one chart figure. */
interface ChartInfo {
  key: string;
  svgs: number;
  marks: number;
  width: number;
  height: number;
}

test('the report renders in headless Chromium: every chart drawn, no console errors, no requests', {
  timeout: 60_000,
}, async (t) => {
  const started = performance.now();
  const { html } = await datasetReport('titanic', 'logistic-regression');
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, 'report.html');
  writeFileSync(file, html);
  const expected = chartKeys(html);
  assert.ok(expected.length >= 10, `only ${expected.length} charts in the report`);

  const browser = await launchChromium(t);
  if (browser === null) return;

  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('request', (req) => requests.push(req.url()));
    const url = pathToFileURL(file).href;
    const response = await page.goto(url, { waitUntil: 'load' });
    assert.ok(response === null || response.ok(), 'the report file did not load');

    const charts: ChartInfo[] = await page.$$eval('figure.chart', (figs) =>
      figs.map((fig) => {
        const svg = fig.querySelector('svg');
        const box = svg?.getBoundingClientRect();
        const marks = svg
          ? svg.querySelectorAll('g[class*="mark-"] path, g[class*="mark-"] rect, g[class*="mark-"] line').length
          : 0;
        return {
          key: fig.getAttribute('data-chart') ?? '',
          svgs: fig.querySelectorAll('svg').length,
          marks,
          width: box?.width ?? 0,
          height: box?.height ?? 0,
        };
      }),
    );
    assert.deepEqual(
      charts.map((c) => c.key),
      expected,
    );
    for (const c of charts) {
      assert.equal(c.svgs, 1, `${c.key}: ${c.svgs} <svg> elements`);
      assert.ok(c.marks > 0, `${c.key}: no marks drawn`);
      assert.ok(c.width > 50 && c.height > 30, `${c.key}: drawn at ${c.width} × ${c.height}`);
    }
    // Real content: the heatmap's four cells and the ROC line are in the DOM.
    assert.equal(await page.locator('figure[data-chart="confusion-matrix"] g.mark-rect.role-mark path').count(), 4);
    assert.ok((await page.locator('figure[data-chart="roc"] g.mark-line path').count()) >= 2);
    assert.equal(await page.title(), 'survived: classification report');
    assert.deepEqual(problems, [], 'console errors or warnings');
    assert.deepEqual(requests, [url], 'the page requested something besides itself');

    await page.screenshot({ path: join(ARTIFACTS, 'report.png'), fullPage: true });
    assert.ok(existsSync(join(ARTIFACTS, 'report.png')));
  } finally {
    await browser.close();
  }
  t.diagnostic(`report built and checked in Chromium in ${((performance.now() - started) / 1000).toFixed(1)} s`);
});
