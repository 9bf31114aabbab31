/** Finite-difference gradient checks (float64, central differences) for every differentiable op. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { F } from '../../src/nn/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

function rand(shape: number[], seed: number, low = -1, high = 1): Tensor {
  const rng = new RandomGenerator(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(rng.fillUniform(new Float64Array(n), low, high), shape);
}

/** Checks d(sum(f(xs) * u))/dx against central differences for every input. */
function gradcheck(name: string, f: (...xs: Tensor[]) => Tensor, inputs: Tensor[], eps = 1e-6, tol = 1e-6): void {
  const xs = inputs.map((x) => new Tensor(x.data.slice(), x.shape).requiresGrad_());
  const out = f(...xs);
  const u = rand([...out.shape], 99);
  out.backward(u);
  const scalar = (vals: Tensor[]): number => {
    const o = f(...vals);
    let s = 0;
    for (let i = 0; i < o.size; i++) s += o.data[i] * u.data[i];
    return s;
  };
  inputs.forEach((x, k) => {
    const g = xs[k].grad;
    assert.ok(g, `${name}: input ${k} got no gradient`);
    for (let i = 0; i < x.size; i++) {
      const plus = inputs.map((t) => new Tensor(t.data.slice(), t.shape));
      const minus = inputs.map((t) => new Tensor(t.data.slice(), t.shape));
      plus[k].data[i] += eps;
      minus[k].data[i] -= eps;
      const numeric = (scalar(plus) - scalar(minus)) / (2 * eps);
      const analytic = g.data[i];
      assert.ok(
        Math.abs(numeric - analytic) <= tol * (1 + Math.abs(numeric)),
        `${name}: d/dx${k}[${i}] analytic ${analytic} vs numeric ${numeric}`,
      );
    }
  });
}

const idx = (v: number[], shape = [v.length]) => new Tensor(Int32Array.from(v), shape);

const cases: [string, (...xs: Tensor[]) => Tensor, Tensor[]][] = [
  ['add broadcast', (a, b) => F.add(a, b), [rand([2, 3, 4], 1), rand([3, 1], 2)]],
  ['sub broadcast', (a, b) => F.sub(a, b), [rand([2, 3], 1), rand([3], 2)]],
  ['mul broadcast', (a, b) => F.mul(a, b), [rand([2, 1, 4], 1), rand([3, 1], 2)]],
  ['div broadcast', (a, b) => F.div(a, b), [rand([2, 3], 1), rand([3], 2, 0.5, 2)]],
  ['neg', (a) => F.neg(a), [rand([5], 1)]],
  ['pow scalar', (a) => F.pow(a, 3), [rand([6], 1)]],
  ['pow tensor', (a, b) => F.pow(a, b), [rand([2, 3], 1, 0.5, 2), rand([3], 2)]],
  ['exp', (a) => F.exp(a), [rand([6], 1)]],
  ['log', (a) => F.log(a), [rand([6], 1, 0.5, 3)]],
  ['sqrt', (a) => F.sqrt(a), [rand([6], 1, 0.5, 3)]],
  ['abs', (a) => F.abs(a), [rand([6], 1)]],
  ['square', (a) => F.square(a), [rand([6], 1)]],
  ['clamp', (a) => F.clamp(a, -0.5, 0.5), [rand([8], 1)]],
  ['relu', (a) => F.relu(a), [rand([8], 1)]],
  ['leakyRelu', (a) => F.leakyRelu(a, 0.1), [rand([8], 1)]],
  ['gelu', (a) => F.gelu(a), [rand([8], 1, -3, 3)]],
  ['gelu tanh', (a) => F.gelu(a, 'tanh'), [rand([8], 1, -3, 3)]],
  ['sigmoid', (a) => F.sigmoid(a), [rand([8], 1, -3, 3)]],
  ['tanh', (a) => F.tanh(a), [rand([8], 1, -3, 3)]],
  ['softmax', (a) => F.softmax(a, 1), [rand([2, 4, 3], 1)]],
  ['logSoftmax', (a) => F.logSoftmax(a, -1), [rand([3, 5], 1)]],
  ['sum axis', (a) => F.sum(a, { axis: [0, 2] }), [rand([2, 3, 4], 1)]],
  ['mean keepdims', (a) => F.mean(a, { axis: 1, keepdims: true }), [rand([2, 3, 4], 1)]],
  ['var', (a) => F.variance(a, { axis: 1 }), [rand([2, 3, 4], 1)]],
  ['max all', (a) => F.max(a), [rand([2, 3], 1)]],
  ['max axis', (a) => F.max(a, 1).values, [rand([2, 3, 4], 1)]],
  ['matmul batched broadcast', (a, b) => F.matmul(a, b), [rand([2, 3, 4], 1), rand([4, 5], 2)]],
  ['matmul vector', (a, b) => F.matmul(a, b), [rand([3, 4], 1), rand([4], 2)]],
  ['linear', (x, w, b) => F.linear(x, w, b), [rand([2, 3, 4], 1), rand([5, 4], 2), rand([5], 3)]],
  ['reshape', (a) => F.reshape(F.mul(a, a), [3, -1]), [rand([2, 3, 2], 1)]],
  ['permute', (a) => F.permute(a, [2, 0, 1]), [rand([2, 3, 4], 1)]],
  ['transpose', (a) => F.transpose(a, 0, 2), [rand([2, 3, 4], 1)]],
  ['concat', (a, b) => F.concat([a, b], 1), [rand([2, 3], 1), rand([2, 2], 2)]],
  ['stack', (a, b) => F.stack([a, b], 1), [rand([2, 3], 1), rand([2, 3], 2)]],
  ['slice', (a) => F.slice(a, [null, [1, 4, 2]]), [rand([3, 5], 1)]],
  ['indexSelect repeated', (a) => F.indexSelect(a, 0, [0, 2, 2, 1]), [rand([3, 2], 1)]],
  ['gather', (a) => F.gather(a, 1, idx([0, 0, 3, 1], [2, 2])), [rand([2, 4], 1)]],
  ['embedding', (w) => F.embedding(idx([1, 3, 1, 0], [2, 2]), w), [rand([4, 3], 1)]],
  [
    'conv2d',
    (x, w, b) => F.conv2d(x, w, b, { stride: [2, 1], padding: 1, dilation: [1, 2] }),
    [rand([2, 2, 5, 6], 1), rand([3, 2, 3, 2], 2), rand([3], 3)],
  ],
  [
    'conv2d groups',
    (x, w) => F.conv2d(x, w, null, { groups: 2, padding: 1 }),
    [rand([1, 4, 4, 4], 1), rand([2, 2, 3, 3], 2)],
  ],
  ['maxPool2d', (x) => F.maxPool2d(x, 3, { stride: 2, padding: 1 }), [rand([1, 2, 5, 5], 1)]],
  ['avgPool2d', (x) => F.avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false }), [rand([1, 2, 5, 5], 1)]],
  ['adaptiveAvgPool2d', (x) => F.adaptiveAvgPool2d(x, [2, 3]), [rand([1, 2, 5, 7], 1)]],
  [
    'batchNorm train',
    (x, w, b) => F.batchNorm(x, null, null, { weight: w, bias: b, training: true }),
    [rand([3, 2, 2, 2], 1), rand([2], 2), rand([2], 3)],
  ],
  ['layerNorm', (x, w, b) => F.layerNorm(x, [4], w, b), [rand([3, 4], 1), rand([4], 2), rand([4], 3)]],
  [
    'crossEntropy smoothing+weight',
    (x) => F.crossEntropy(x, idx([0, 2, 1]), { labelSmoothing: 0.1, weight: rand([3], 5, 0.5, 2) }),
    [rand([3, 3], 1)],
  ],
  [
    'crossEntropy spatial none',
    (x) => F.crossEntropy(x, idx([0, 2, 1, 1], [2, 2]), { reduction: 'none' }),
    [rand([2, 3, 2], 1)],
  ],
  ['nllLoss', (x) => F.nllLoss(x, idx([0, 2, 1])), [rand([3, 3], 1)]],
  ['mseLoss', (x) => F.mseLoss(x, rand([2, 3], 7)), [rand([2, 3], 1)]],
  ['huberLoss', (x) => F.huberLoss(x, rand([2, 3], 7), { delta: 0.5 }), [rand([2, 3], 1)]],
  ['smoothL1Loss', (x) => F.smoothL1Loss(x, rand([2, 3], 7), { beta: 0.5 }), [rand([2, 3], 1)]],
  ['bce', (x) => F.binaryCrossEntropy(x, rand([2, 3], 7, 0, 1)), [rand([2, 3], 1, 0.1, 0.9)]],
  [
    'bceWithLogits',
    (x) => F.binaryCrossEntropyWithLogits(x, rand([2, 3], 7, 0, 1), { posWeight: rand([3], 8, 0.5, 2) }),
    [rand([2, 3], 1)],
  ],
  ['klDiv batchmean', (x) => F.klDiv(x, rand([2, 3], 7, 0, 1), { reduction: 'batchmean' }), [rand([2, 3], 1)]],
];

describe('finite-difference gradient checks (float64)', () => {
  for (const [name, f, inputs] of cases) test(name, () => gradcheck(name, f, inputs));
});
