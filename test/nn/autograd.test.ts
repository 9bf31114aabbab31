/** The autograd engine: accumulation, graph release, grad mode, detach, errors. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { F, noGrad } from '../../src/nn/index.js';
import { ShapeError } from '../../src/tensor/errors.js';
import { Tensor } from '../../src/tensor/tensor.js';

describe('autograd engine', () => {
  test('a tensor used twice accumulates both paths', () => {
    const w = Tensor.from([3]).requiresGrad_();
    F.add(F.mul(w, w), w).backward();
    assert.deepEqual(w.grad?.toArray(), [7]);
  });

  test('grads accumulate across backward calls until cleared', () => {
    const w = Tensor.from([1, 2]).requiresGrad_();
    F.sum(F.mul(w, 2)).backward();
    F.sum(F.mul(w, 2)).backward();
    assert.deepEqual(w.grad?.toArray(), [4, 4]);
  });

  test('shared passthrough gradients are not aliased between leaves', () => {
    const a = Tensor.from([1]).requiresGrad_();
    const b = Tensor.from([1]).requiresGrad_();
    F.add(a, b).backward();
    F.mul(a, 5).backward();
    assert.deepEqual(a.grad?.toArray(), [6]);
    assert.deepEqual(b.grad?.toArray(), [1]);
  });

  test('second backward through a freed graph throws; retainGraph allows it', () => {
    const w = Tensor.from([2]).requiresGrad_();
    const y = F.mul(w, w);
    y.backward(undefined, { retainGraph: true });
    y.backward();
    assert.deepEqual(w.grad?.toArray(), [8]);
    assert.throws(() => y.backward(), /second time/);
  });

  test('noGrad records nothing; detach cuts the graph', () => {
    const w = Tensor.from([2]).requiresGrad_();
    const y = noGrad(() => F.mul(w, w));
    assert.equal(y.requiresGrad, false);
    const d = F.mul(w, w).detach();
    assert.equal(d.requiresGrad, false);
    assert.throws(() => d.backward(), /does not require grad/);
  });

  test('non-scalar backward needs a gradient', () => {
    const w = Tensor.from([1, 2]).requiresGrad_();
    assert.throws(() => F.mul(w, 2).backward(), ShapeError);
  });

  test('deep chains do not overflow the stack', () => {
    const w = Tensor.from([1]).requiresGrad_();
    let h = w;
    for (let i = 0; i < 20000; i++) h = F.mul(h, 1);
    h.backward();
    assert.deepEqual(w.grad?.toArray(), [1]);
  });
});
