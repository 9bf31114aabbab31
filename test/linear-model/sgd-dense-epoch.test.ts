import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { LossCode, lossDerivative, lossValue, type SgdLoss, sgdLoss } from '../../src/linear-model/sgd/losses.js';
import { type PlainSgdOptions, plainSgd, type SgdLearningRate } from '../../src/linear-model/sgd/plain-sgd.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

/** Small deterministic generator (tests only). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Case {
  loss: SgdLoss;
  learningRate: SgdLearningRate;
  alpha: number;
  eta0: number;
  powerT: number;
  penalty: 'l2' | 'none';
  weightPos: number;
  weightNeg: number;
  mask?: Uint8Array;
}

/**
 * Plain SGD as scikit-learn's `_plain_sgd` describes it, for dense rows, L2 or no penalty, no
 * averaging: rows visited in the generator's shuffled order, the L2 shrinkage kept as a scale
 * factor, folded into the weights below 1e-9; stopping on the training loss.
 */
function referenceSgd(x: Float64Array, m: number, n: number, y: Float64Array, sw: Float64Array, c: Case, seed: number) {
  const maxIter = 6;
  const tol = 1e-3;
  const nIterNoChange = 2;
  const rng = new RandomGenerator(seed);
  const w = new Float64Array(n);
  let b = 0;
  let wscale = 1;
  let t = 1;
  let eta = c.eta0;
  const code = c.loss.code;
  const param = c.loss.param;
  let optimalInit = 0;
  if (c.learningRate === 'optimal') {
    const typw = Math.sqrt(1 / Math.sqrt(c.alpha));
    optimalInit = 1 / ((typw / Math.max(1, lossDerivative(code, param, -typw, 1))) * c.alpha);
  }
  const order = Int32Array.from({ length: m }, (_, i) => i);
  let best = Number.POSITIVE_INFINITY;
  let stale = 0;
  let epochs = 0;
  let steps = 0;
  while (epochs < maxIter) {
    epochs++;
    rng.shuffle(order);
    let sumLoss = 0;
    for (const i of order) {
      if (c.mask?.[i]) continue;
      let dot = 0;
      for (let j = 0; j < n; j++) dot += w[j] * x[i * n + j];
      const p = dot * wscale + b;
      if (c.learningRate === 'optimal') eta = 1 / (c.alpha * (optimalInit + t - 1));
      else if (c.learningRate === 'invscaling') {
        // plainSgd's documented shortcut: square roots for the exponents 0.5 and 0.25.
        const root = c.powerT === 0.5 ? Math.sqrt(t) : c.powerT === 0.25 ? Math.sqrt(Math.sqrt(t)) : t ** c.powerT;
        eta = c.eta0 / root;
      }
      sumLoss += lossValue(code, param, p, y[i]);
      const d = Math.min(1e12, Math.max(-1e12, lossDerivative(code, param, p, y[i])));
      const update = -eta * d * ((y[i] > 0 ? c.weightPos : c.weightNeg) * sw[i]);
      if (c.penalty === 'l2') {
        wscale *= Math.max(0, 1 - 1 * eta * c.alpha);
        if (wscale < 1e-9) {
          for (let j = 0; j < n; j++) w[j] *= wscale;
          wscale = 1;
        }
      }
      if (update !== 0) {
        for (let j = 0; j < n; j++) w[j] += x[i * n + j] * (update / wscale);
        b += update;
      }
      t++;
      steps++;
    }
    stale = sumLoss > best - tol * m ? stale + 1 : 0;
    best = Math.min(best, sumLoss);
    if (stale >= nIterNoChange) break;
  }
  for (let j = 0; j < n; j++) w[j] *= wscale;
  return { w, b, epochs, steps };
}

function run(x: Float64Array, m: number, n: number, y: Float64Array, sw: Float64Array, c: Case, seed: number) {
  const options: PlainSgdOptions = {
    loss: c.loss,
    penalty: c.penalty,
    alpha: c.alpha,
    C: 1,
    l1Ratio: 0.15,
    learningRate: c.learningRate,
    eta0: c.eta0,
    powerT: c.powerT,
    maxIter: 6,
    tol: 1e-3,
    nIterNoChange: 2,
    fitIntercept: true,
    shuffle: true,
    rng: new RandomGenerator(seed),
    weightPos: c.weightPos,
    weightNeg: c.weightNeg,
    t: 1,
    interceptDecay: 1,
    average: 0,
    validationMask: c.mask,
  };
  return plainSgd(new Tensor(x, [m, n]), y, sw, new Float64Array(n), 0, undefined, 0, options);
}

describe('plainSgd dense fast path', () => {
  const cases: Array<[string, Case]> = [
    [
      'squared_error, invscaling 0.25',
      {
        loss: sgdLoss('squared_error', 0.1),
        learningRate: 'invscaling',
        alpha: 1e-4,
        eta0: 0.01,
        powerT: 0.25,
        penalty: 'l2',
        weightPos: 1,
        weightNeg: 1,
      },
    ],
    [
      'hinge, optimal, class weights',
      {
        loss: sgdLoss('hinge', 0.1),
        learningRate: 'optimal',
        alpha: 1e-3,
        eta0: 0,
        powerT: 0.5,
        penalty: 'l2',
        weightPos: 2,
        weightNeg: 0.5,
      },
    ],
    [
      'huber, constant, no penalty',
      {
        loss: sgdLoss('huber', 0.3),
        learningRate: 'constant',
        alpha: 1e-4,
        eta0: 0.05,
        powerT: 0.5,
        penalty: 'none',
        weightPos: 1,
        weightNeg: 1,
      },
    ],
    [
      'log_loss, invscaling 0.5, strong L2 (scale folded)',
      {
        loss: sgdLoss('log_loss', 0.1),
        learningRate: 'invscaling',
        alpha: 5,
        eta0: 0.5,
        powerT: 0.5,
        penalty: 'l2',
        weightPos: 1,
        weightNeg: 1,
      },
    ],
    [
      'epsilon_insensitive, invscaling 0.3',
      {
        loss: sgdLoss('epsilon_insensitive', 0.05),
        learningRate: 'invscaling',
        alpha: 1e-4,
        eta0: 0.02,
        powerT: 0.3,
        penalty: 'l2',
        weightPos: 1,
        weightNeg: 1,
      },
    ],
  ];
  // Row counts around the 1,024-row gather chunks; widths below and across a cache line.
  const shapes: Array<[number, number]> = [
    [1, 3],
    [5, 1],
    [1023, 9],
    [1025, 8],
    [2500, 20],
  ];

  for (const [name, c] of cases) {
    test(`${name}: same weights, steps and epochs as the reference, bit for bit`, () => {
      const rand = lcg(name.length);
      for (const [m, n] of shapes) {
        const x = Float64Array.from({ length: m * n }, () => rand() * 2 - 1);
        const classify = c.loss.code <= LossCode.ModifiedHuber;
        const y = Float64Array.from({ length: m }, () => (classify ? (rand() < 0.5 ? -1 : 1) : rand() * 4 - 2));
        for (const unit of [true, false]) {
          const sw = Float64Array.from({ length: m }, () => (unit ? 1 : 0.25 + rand()));
          for (const masked of [false, true]) {
            const cc = {
              ...c,
              mask: masked ? Uint8Array.from({ length: m }, (_, i) => (i % 7 === 3 ? 1 : 0)) : undefined,
            };
            const ref = referenceSgd(x, m, n, y, sw, cc, 42);
            const got = run(x, m, n, y, sw, cc, 42);
            const where = `m=${m}, n=${n}, unit weights ${unit}, mask ${masked}`;
            assert.equal(got.nIter, ref.epochs, `epochs (${where})`);
            assert.equal(got.steps, ref.steps, `steps (${where})`);
            assert.ok(Object.is(got.intercept, ref.b), `intercept (${where}): ${got.intercept} !== ${ref.b}`);
            for (let j = 0; j < n; j++) {
              assert.ok(Object.is(got.coef[j], ref.w[j]), `coef[${j}] (${where}): ${got.coef[j]} !== ${ref.w[j]}`);
            }
          }
        }
      }
    });
  }
});
