// toSVG renders every chart kind headlessly, escapes text from data, and never generates code from strings.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  calibrationChart,
  confusionMatrixChart,
  featureImportanceChart,
  histogramChart,
  leaderboardChart,
  learningCurveChart,
  precisionRecallChart,
  residualsChart,
  rocCurveChart,
  toSVG,
} from '../../src/viz/index.js';

/** Number of drawn marks: Vega writes every mark as a path, rect, line or text inside a `mark-*` group. */
function markCount(svg: string): number {
  return (svg.match(/<(path|rect|line|circle|text)\b/g) ?? []).length;
}

describe('toSVG', () => {
  const charts = {
    leaderboard: leaderboardChart([{ model: 'm', metrics: { accuracy: { mean: 0.8, std: 0.1 } } }]),
    confusion: confusionMatrixChart(
      [
        [5, 1],
        [2, 7],
      ],
      ['no', 'yes'],
    ),
    roc: rocCurveChart([{ name: 'm', fpr: [0, 0.2, 1], tpr: [0, 0.7, 1] }]),
    pr: precisionRecallChart([{ name: 'm', precision: [0.5, 0.8, 1], recall: [1, 0.5, 0] }]),
    calibration: calibrationChart([{ name: 'm', probTrue: [0.1, 0.8], probPred: [0.2, 0.7] }]),
    importance: featureImportanceChart({ names: ['a', 'b'], importances: [0.2, 0.1], std: [0.01, 0.02] }),
    residuals: residualsChart([1, 2, 3], [1.1, 2.2, 2.7]),
    learning: learningCurveChart({
      trainSizesAbs: [5, 10],
      trainScores: [[1, 0.9], [0.9]],
      testScores: [[0.6], [0.7]],
    }),
    histogram: histogramChart([1, 2, 2, 3, 4]),
  };
  for (const [name, spec] of Object.entries(charts)) {
    test(`${name}: an <svg> document with marks`, async () => {
      const svg = await toSVG(spec);
      assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(svg, /class="mark-(rect|line|symbol|rule|area|text)/);
      assert.ok(/<path\b/.test(svg) || /<rect\b/.test(svg), 'has <path> or <rect> marks');
      assert.ok(markCount(svg) > 5, `only ${markCount(svg)} marks`);
      assert.ok(svg.trimEnd().endsWith('</svg>'));
    });
  }

  test('the confusion matrix draws one rect per cell and the counts as text', async () => {
    const svg = await toSVG(charts.confusion);
    const cells = svg.match(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/)?.[1] ?? '';
    assert.equal((cells.match(/<path/g) ?? []).length, 4);
    for (const count of ['5', '1', '2', '7']) assert.match(svg, new RegExp(`>${count}</text>`));
  });

  test('scaleFactor scales the SVG size', async () => {
    const width = (svg: string) => Number(svg.match(/width="(\d+(\.\d+)?)"/)?.[1]);
    const one = await toSVG(charts.roc);
    const two = await toSVG(charts.roc, { scaleFactor: 2 });
    assert.equal(width(two), 2 * width(one));
  });

  test('text from data is escaped: a label cannot inject markup', async () => {
    const svg = await toSVG(
      confusionMatrixChart(
        [
          [1, 0],
          [0, 1],
        ],
        ['<script>alert(1)</script>', 'a & "b"'],
      ),
    );
    assert.doesNotMatch(svg, /<script/);
    assert.match(svg, /&lt;script&gt;/);
    assert.match(svg, /a &amp; /);
  });

  test('a spec asking for a URL is refused (rendering is offline)', async () => {
    await assert.rejects(
      toSVG({ data: { url: 'https://example.com/data.json' }, mark: 'point' } as never),
      /renders offline/,
    );
  });

  test('renders with code generation from strings disabled (no eval / new Function)', async () => {
    const script = fileURLToPath(new URL('./render-child.js', import.meta.url));
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--disallow-code-generation-from-strings', script],
        { timeout: 30_000 },
        (err, stdout, stderr) => (err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    assert.match(out, /^ok \d+ svg bytes, eval blocked$/m);
  });
});
