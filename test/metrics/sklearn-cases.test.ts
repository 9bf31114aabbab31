/**
 * Table-driven comparison with scikit-learn 1.2.1 on the cases in
 * fixtures/sklearn-1.2.1-cases.json (made by fixtures/make_cases.py): every
 * metric, option combination and multi-output / multilabel form listed there
 * must match to 1e-12 relative, or raise where sklearn raised.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { setWarningHandler } from '../../src/base/warnings.js';
import * as m from '../../src/metrics/index.js';

interface Case {
  name: string;
  // biome-ignore lint/suspicious/noExplicitAny: fixture payloads are free-form JSON
  args: any[];
  // biome-ignore lint/suspicious/noExplicitAny: fixture payloads are free-form JSON
  kw: any;
  expected: unknown;
}

const cases: Case[] = JSON.parse(
  readFileSync(new URL('../../../test/metrics/fixtures/sklearn-1.2.1-cases.json', import.meta.url), 'utf8'),
);

// biome-ignore lint/suspicious/noExplicitAny: dispatch over heterogeneous metric signatures
type Run = (a: any[], kw: any) => unknown;
const prfs: Run = (a, kw) => {
  const r = m.precisionRecallFscoreSupport(a[0], a[1], kw);
  return [r.precision, r.recall, r.fscore, r.support];
};
const curve =
  (fn: typeof m.rocCurve | typeof m.precisionRecallCurve | typeof m.detCurve): Run =>
  (a, kw) =>
    Object.values(fn(a[0], a[1], kw));
const two =
  (fn: (x: unknown, y: unknown, o?: unknown) => unknown): Run =>
  (a, kw) =>
    fn(a[0], a[1], kw);
const mat =
  (fn: (x: unknown, y?: unknown, o?: unknown) => { toArray(): unknown }): Run =>
  (a, kw) =>
    fn(a[0], a[1], kw).toArray();

const RUNNERS: Record<string, Run> = {
  prfs,
  'ml prfs': prfs,
  jaccard: two(m.jaccardScore as never),
  'ml jacc': two(m.jaccardScore as never),
  'fbeta2 bin': two(m.fbetaScore as never),
  'f1 bin pos0': two(m.f1Score as never),
  'ml mcm': mat(m.multilabelConfusionMatrix as never),
  'mcm w': mat(m.multilabelConfusionMatrix as never),
  'ml hamming': two(m.hammingLoss as never),
  hamming: two(m.hammingLoss as never),
  'ml acc': two(m.accuracyScore as never),
  'cm norm true': mat(m.confusionMatrix as never),
  'cm labels': mat(m.confusionMatrix as never),
  'bal acc adj': two(m.balancedAccuracyScore as never),
  'mcc w': two(m.matthewsCorrcoef as never),
  'kappa quad w': two(m.cohenKappaScore as never),
  logloss: two(m.logLoss as never),
  brier: two(m.brierScoreLoss as never),
  hinge: two(m.hingeLoss as never),
  topk: two(m.topKAccuracyScore as never),
  'roc w': curve(m.rocCurve),
  'pr curve': curve(m.precisionRecallCurve),
  det: curve(m.detCurve),
  'ap w': two(m.averagePrecisionScore as never),
  'ml ap': two(m.averagePrecisionScore as never),
  auc: two(m.rocAucScore as never),
  'ml auc': two(m.rocAucScore as never),
  mse: two(m.meanSquaredError as never),
  mae: two(m.meanAbsoluteError as never),
  mape: two(m.meanAbsolutePercentageError as never),
  medae: two(m.medianAbsoluteError as never),
  msle: two(m.meanSquaredLogError as never),
  r2: two(m.r2Score as never),
  ev: two(m.explainedVarianceScore as never),
  d2ae: two(m.d2AbsoluteErrorScore as never),
  'rmse mo': two(m.rootMeanSquaredError as never),
  pinball: two(m.meanPinballLoss as never),
  d2pinball: two(m.d2PinballScore as never),
  tweedie: two(m.meanTweedieDeviance as never),
  d2tweedie: two(m.d2TweedieScore as never),
  maxerr: two(m.maxError as never),
  ari: two(m.adjustedRandScore as never),
  ri: two(m.randScore as never),
  mi: two(m.mutualInfoScore as never),
  nmi: two(m.normalizedMutualInfoScore as never),
  ami: two(m.adjustedMutualInfoScore as never),
  hom: two(m.homogeneityScore as never),
  comp: two(m.completenessScore as never),
  v: two(m.vMeasureScore as never),
  fmi: two(m.fowlkesMallowsScore as never),
  pcm: mat(m.pairConfusionMatrix as never),
  contingency: mat(m.contingencyMatrix as never),
  sil: two(m.silhouetteScore as never),
  'sil samples': two(m.silhouetteSamples as never),
  ch: two(m.calinskiHarabaszScore as never),
  db: two(m.daviesBouldinScore as never),
  euc: mat(m.euclideanDistances as never),
  'euc self sq': (a, kw) => m.euclideanDistances(a[0], undefined, kw).toArray(),
  pd: mat(m.pairwiseDistances as never),
  rbf: mat(m.rbfKernel as never),
  poly: mat(m.polynomialKernel as never),
  sigmoid: mat(m.sigmoidKernel as never),
  linear: mat(m.linearKernel as never),
  cossim: mat(m.cosineSimilarity as never),
  report: two(m.classificationReport as never),
};

function runnerFor(name: string): Run {
  const key = Object.keys(RUNNERS)
    .filter((k) => name === k || name.startsWith(`${k} `))
    .sort((a, b) => b.length - a.length)[0];
  assert.ok(key, `no runner for case '${name}'`);
  return RUNNERS[key];
}

const flat = (v: unknown): number[] =>
  v === null || v === undefined ? [] : typeof v === 'number' ? [v] : Array.from(v as ArrayLike<unknown>).flatMap(flat);

// E[MI] sums thousands of exp(lgamma...) terms; lgamma values of ~2e4 carry ~1e-12 absolute
// error in any implementation (scipy's included), and AMI near 0 divides a difference of
// nearly equal numbers: this one case is compared to 1e-13 absolute instead.
const ABSOLUTE: Record<string, number> = { 'ami big': 1e-13 };

describe('scikit-learn 1.2.1 cases', () => {
  test('the table is complete', () => assert.ok(cases.length > 150, `only ${cases.length} cases`));
  for (const c of cases) {
    test(c.name, () => {
      const previous = setWarningHandler(() => {});
      try {
        const run = runnerFor(c.name);
        const expected = c.expected as { error?: string } | string | number | unknown[];
        if (expected !== null && typeof expected === 'object' && 'error' in expected) {
          assert.throws(() => run(c.args, c.kw), Error, `sklearn raised: ${expected.error}`);
          return;
        }
        const got = run(c.args, c.kw);
        if (typeof expected === 'string') {
          assert.equal(got, expected);
          return;
        }
        const a = flat(got);
        const e = flat(expected);
        assert.equal(a.length, e.length, `${c.name}: length ${a.length} != ${e.length}`);
        const atol = ABSOLUTE[c.name] ?? 0;
        for (let i = 0; i < a.length; i++) {
          if (Number.isNaN(e[i])) {
            assert.ok(Number.isNaN(a[i]), `${c.name}[${i}]: got ${a[i]}, expected NaN`);
            continue;
          }
          const ok = Math.abs(a[i] - e[i]) <= atol + 1e-12 * Math.abs(e[i]);
          assert.ok(ok, `${c.name}[${i}]: got ${a[i]}, expected ${e[i]}`);
        }
      } finally {
        setWarningHandler(previous);
      }
    });
  }
});
