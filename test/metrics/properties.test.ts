/**
 * Property tests (fast-check): the invariants every metric family must keep
 * whatever the data.
 */
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  accuracyScore,
  adjustedMutualInfoScore,
  adjustedRandScore,
  averagePrecisionScore,
  cohenKappaScore,
  f1Score,
  matthewsCorrcoef,
  normalizedMutualInfoScore,
  precisionRecallFscoreSupport,
  rocAucScore,
} from '../../src/metrics/index.js';

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(a), Math.abs(b));

/** Pairs of label vectors over `k` classes, same length. */
const labelPairs = (k: number) =>
  fc
    .integer({ min: 2, max: 40 })
    .chain((n) =>
      fc.tuple(
        fc.array(fc.nat(k - 1), { minLength: n, maxLength: n }),
        fc.array(fc.nat(k - 1), { minLength: n, maxLength: n }),
      ),
    );

/** A bijective renaming of class indices to strings. */
const renaming = (k: number) =>
  fc.shuffledSubarray(['ant', 'bee', 'cat', 'dog', 'eel', 'fox'], { minLength: k, maxLength: k });

const quiet = { zeroDivision: 0 } as const;

describe('metric properties', () => {
  test('classification metrics are invariant to renaming labels', () => {
    fc.assert(
      fc.property(labelPairs(4), renaming(4), ([t, p], names) => {
        const tn = t.map((v) => names[v]);
        const pn = p.map((v) => names[v]);
        return (
          close(accuracyScore(t, p), accuracyScore(tn, pn)) &&
          close(matthewsCorrcoef(t, p), matthewsCorrcoef(tn, pn)) &&
          (Number.isNaN(cohenKappaScore(t, p)) || close(cohenKappaScore(t, p), cohenKappaScore(tn, pn))) &&
          close(f1Score(t, p, { average: 'macro', ...quiet }), f1Score(tn, pn, { average: 'macro', ...quiet })) &&
          close(f1Score(t, p, { average: 'weighted', ...quiet }), f1Score(tn, pn, { average: 'weighted', ...quiet }))
        );
      }),
    );
  });

  test('F1 lies between precision and recall, per class and macro', () => {
    fc.assert(
      fc.property(labelPairs(3), ([t, p]) => {
        const r = precisionRecallFscoreSupport(t, p, { average: null, ...quiet });
        for (let c = 0; c < r.fscore.length; c++) {
          const lo = Math.min(r.precision[c], r.recall[c]);
          const hi = Math.max(r.precision[c], r.recall[c]);
          if (!(r.fscore[c] >= lo - 1e-15 && r.fscore[c] <= hi + 1e-15)) return false;
        }
        return true;
      }),
    );
  });

  test('ROC AUC and average precision of a perfect scorer are 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.boolean(), { minLength: 2, maxLength: 60 }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        (bits, gap) => {
          fc.pre(bits.some((b) => b) && bits.some((b) => !b));
          const y = bits.map((b) => (b ? 1 : 0));
          // Every positive scores above every negative.
          const s = bits.map((b, i) => (b ? gap + (i % 5) : -(i % 7)));
          // Trapezoids and precision steps are float sums: 1 up to rounding (sklearn gives the same).
          return close(rocAucScore(y, s) as number, 1) && close(averagePrecisionScore(y, s) as number, 1);
        },
      ),
    );
  });

  test('ARI is symmetric and 1 for identical partitions up to renaming', () => {
    fc.assert(
      fc.property(labelPairs(5), renaming(5), ([a, b], names) => {
        const renamed = a.map((v) => names[v]);
        return (
          close(adjustedRandScore(a, b), adjustedRandScore(b, a)) &&
          adjustedRandScore(a, renamed) === 1 &&
          // All-singleton partitions are sklearn's degenerate AMI case (E[MI] = H, AMI = 0).
          (new Set(a).size === a.length || close(adjustedMutualInfoScore(a, renamed), 1)) &&
          close(normalizedMutualInfoScore(a, renamed), 1)
        );
      }),
    );
  });

  test('ARI is invariant to renaming either labeling', () => {
    fc.assert(
      fc.property(labelPairs(4), renaming(4), ([a, b], names) =>
        close(
          adjustedRandScore(a, b),
          adjustedRandScore(
            a.map((v) => names[v]),
            b,
          ),
        ),
      ),
    );
  });

  test('scores stay in their ranges', () => {
    fc.assert(
      fc.property(labelPairs(3), ([t, p]) => {
        const mcc = matthewsCorrcoef(t, p);
        const ari = adjustedRandScore(t, p);
        return mcc >= -1 - 1e-12 && mcc <= 1 + 1e-12 && ari <= 1 + 1e-12 && ari >= -1 - 1e-12;
      }),
    );
  });
});
