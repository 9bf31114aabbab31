/** MultiheadAttention: PyTorch fixtures, mask forms, layouts, separate key/value sizes, errors. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { F, MultiheadAttention } from '../../src/nn/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, loadFixture, RUNS, TOL, toTensor } from './torch-fixture.js';

describe('MultiheadAttention matches the PyTorch fixtures', () => {
  for (const name of ['mha_self', 'mha_self_causal', 'mha_cross_key_padding']) {
    for (const { dtype, key } of RUNS) {
      test(`${name} (${dtype})`, () => {
        const f = loadFixture(`layers/${name}.json`);
        const c = f.config;
        const m = new MultiheadAttention(c.embed_dim, c.num_heads, { batchFirst: c.batch_first, bias: c.bias, dtype });
        const state: Record<string, Tensor> = {};
        for (const [k, v] of Object.entries(f.params)) state[k] = toTensor(v as never, dtype);
        m.loadStateDict(state);
        const inp: Record<string, Tensor> = {};
        for (const [k, v] of Object.entries(f.inputs)) {
          const t = toTensor(v as never, dtype);
          inp[k] = f.requires_grad.includes(k) ? t.requiresGrad_() : t;
        }
        const [q, k, v] = inp.x ? [inp.x, inp.x, inp.x] : [inp.query, inp.key, inp.value];
        const [out, weights] = m.forward(q, k, v, {
          attnMask: inp.attn_mask,
          keyPaddingMask: inp.key_padding_mask,
          needWeights: c.need_weights,
          averageAttnWeights: c.average_attn_weights,
        });
        const exp = f[key];
        const tol = TOL[dtype];
        assertClose(out, exp.output, tol, 'output');
        assertClose(weights, exp.attn_output_weights, tol, 'attn_output_weights');
        out.backward(toTensor(f.upstream.output, dtype));
        const params = Object.fromEntries(m.namedParameters());
        for (const name of f.requires_grad) {
          const t = name in inp ? inp[name] : params[name];
          assertClose(t.grad, exp.grads[name], tol, `grad ${name}`);
        }
        if (name !== 'mha_self') {
          // Masked positions get exactly zero weight.
          const w = weights as Tensor;
          const masked = name === 'mha_self_causal' ? inp.attn_mask : inp.key_padding_mask;
          const [B, L, S] = w.shape;
          for (let b = 0; b < B; b++)
            for (let l = 0; l < L; l++)
              for (let s = 0; s < S; s++) {
                const isMasked =
                  masked.ndim === 2 && masked.shape[0] === L ? masked.data[l * S + s] : masked.data[b * S + s];
                if (isMasked) assert.equal(w.data[(b * L + l) * S + s], 0);
              }
        }
      });
    }
  }
});

function randn(shape: number[], rng: RandomGenerator): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(
    Float64Array.from({ length: n }, () => rng.normal()),
    shape,
  );
}

function close(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = 1e-12): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

describe('MultiheadAttention options', () => {
  const rng = new RandomGenerator(11);
  const x = randn([2, 5, 8], rng);

  test('isCausal, a bool causal mask and a float -inf mask agree', () => {
    const m = new MultiheadAttention(8, 2, { batchFirst: true, dtype: 'float64', generator: new RandomGenerator(1) });
    const boolMask = new Tensor(
      Uint8Array.from({ length: 25 }, (_, i) => (i % 5 > Math.floor(i / 5) ? 1 : 0)),
      [5, 5],
    );
    const floatMask = new Tensor(
      Float64Array.from(boolMask.data, (v) => (v ? Number.NEGATIVE_INFINITY : 0)),
      [5, 5],
    );
    const [a, wa] = m.forward(x, x, x, { isCausal: true });
    const [b, wb] = m.forward(x, x, x, { attnMask: boolMask });
    const [c] = m.forward(x, x, x, { attnMask: floatMask });
    close(a.data, b.data, 'causal vs bool');
    close(c.data, b.data, 'float vs bool');
    close((wa as Tensor).data, (wb as Tensor).data, 'weights');
    assert.equal((wa as Tensor).data[1], 0); // query 0 never sees key 1
  });

  test('sequence-first layout and unbatched inputs give the same numbers', () => {
    const bf = new MultiheadAttention(8, 4, { batchFirst: true, dtype: 'float64' });
    const sf = new MultiheadAttention(8, 4, { dtype: 'float64' });
    sf.loadStateDict(bf.stateDict());
    const [a] = bf.forward(x, x, x);
    const xs = F.permute(x, [1, 0, 2]);
    const [b] = sf.forward(xs, xs, xs);
    assert.deepEqual([...b.shape], [5, 2, 8]);
    close(F.permute(b, [1, 0, 2]).data, a.data, 'layout');
    const x1 = F.slice(x, [1]);
    const [u, wu] = sf.forward(x1, x1, x1);
    assert.deepEqual([...u.shape], [5, 8]);
    assert.deepEqual([...(wu as Tensor).shape], [5, 5]);
    close(u.data, F.slice(a, [1]).data, 'unbatched');
  });

  test('per-head weights average to the returned weights; needWeights false gives null', () => {
    const m = new MultiheadAttention(8, 2, { batchFirst: true, dtype: 'float64' });
    const [, avg] = m.forward(x, x, x);
    const [, heads] = m.forward(x, x, x, { averageAttnWeights: false });
    assert.deepEqual([...(heads as Tensor).shape], [2, 2, 5, 5]);
    close(F.mean(heads as Tensor, { axis: 1 }).data, (avg as Tensor).data, 'mean over heads');
    const rows = F.sum(heads as Tensor, { axis: -1 }).data;
    for (const r of rows) assert.ok(Math.abs(r - 1) < 1e-12);
    assert.equal(m.forward(x, x, x, { needWeights: false })[1], null);
  });

  test('kdim/vdim use separate projection weights with PyTorch names', () => {
    const m = new MultiheadAttention(8, 2, { kdim: 3, vdim: 6, batchFirst: true, dtype: 'float64' });
    assert.deepEqual(
      m.namedParameters().map(([n, p]) => `${n}:${p.shape.join('x')}`),
      [
        'q_proj_weight:8x8',
        'k_proj_weight:8x3',
        'v_proj_weight:8x6',
        'in_proj_bias:24',
        'out_proj.weight:8x8',
        'out_proj.bias:8',
      ],
    );
    const k = randn([2, 7, 3], rng).requiresGrad_();
    const v = randn([2, 7, 6], rng);
    const [out, w] = m.forward(x, k, v);
    assert.deepEqual([...out.shape], [2, 5, 8]);
    assert.deepEqual([...(w as Tensor).shape], [2, 5, 7]);
    F.sum(out).backward();
    assert.deepEqual([...(k.grad as Tensor).shape], [2, 7, 3]);
    assert.ok(Array.from((k.grad as Tensor).data).some((g) => g !== 0));
  });

  test('default init: Xavier-uniform in_proj, zero biases', () => {
    const m = new MultiheadAttention(16, 4);
    const bound = Math.sqrt(6 / (16 + 48));
    const w = m.in_proj_weight as Tensor;
    assert.ok(Array.from(w.data).every((v) => Math.abs(v) <= bound));
    assert.ok(Array.from(w.data).some((v) => Math.abs(v) > 0.8 * bound));
    assert.ok(Array.from((m.in_proj_bias as Tensor).data).every((v) => v === 0));
    assert.ok(Array.from(m.outProj.bias?.data ?? [1]).every((v) => v === 0));
  });

  test('attention dropout is active only in training', () => {
    const m = new MultiheadAttention(8, 2, {
      batchFirst: true,
      dropout: 0.5,
      dtype: 'float64',
      generator: new RandomGenerator(3),
    });
    m.eval();
    const [a] = m.forward(x, x, x);
    const [b] = m.forward(x, x, x);
    close(a.data, b.data, 'eval is deterministic');
    m.train();
    const [c] = m.forward(x, x, x);
    assert.ok(Array.from(c.data).some((v, i) => Math.abs(v - a.data[i]) > 1e-9));
  });

  test('errors name the problem', () => {
    assert.throws(() => new MultiheadAttention(10, 3), /divisible by numHeads/);
    const m = new MultiheadAttention(8, 2, { batchFirst: true });
    assert.throws(() => m.forward(x, x, randn([2, 5, 4], rng)), /value must be 3-D with last dimension 8/);
    assert.throws(() => m.forward(x, x, x, { attnMask: new Tensor(new Uint8Array(12), [3, 4]) }), /attnMask must be/);
    assert.throws(
      () => m.forward(x, x, x, { keyPaddingMask: new Tensor(new Uint8Array(5), [5]) }),
      /keyPaddingMask must be \[2, 5\]/,
    );
  });
});
