/** LSTM and GRU: PyTorch fixtures, a composite-op reference for the stacked/bidirectional cases, options and errors. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Adam, F, GRU, LSTM, manualSeed, type RNNBase } from '../../src/nn/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, type Fixture, loadFixture, RUNS, TOL, toTensor } from './torch-fixture.js';

/** `sum_k sum(y_k * u_k)`: the scalar whose gradients the fixtures hold. */
function weightedSum(outs: Tensor[], ups: Tensor[]): Tensor {
  let total: Tensor | null = null;
  outs.forEach((o, i) => {
    const s = F.sum(F.mul(o, ups[i]));
    total = total === null ? s : F.add(total, s);
  });
  return total as unknown as Tensor;
}

function loadParams(m: RNNBase, f: Fixture, dtype: 'float32' | 'float64'): void {
  const state: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(f.params)) state[k] = toTensor(v as never, dtype);
  m.loadStateDict(state);
}

describe('recurrent layers match the PyTorch fixtures', () => {
  for (const name of ['lstm', 'lstm_h0_c0', 'gru', 'gru_h0']) {
    for (const { dtype, key } of RUNS) {
      test(`${name} (${dtype})`, () => {
        const f = loadFixture(`layers/${name}.json`);
        const c = f.config;
        const opts = { numLayers: c.num_layers, bias: c.bias, batchFirst: c.batch_first, dtype };
        const isLstm = f.module === 'LSTM';
        const m = isLstm ? new LSTM(c.input_size, c.hidden_size, opts) : new GRU(c.input_size, c.hidden_size, opts);
        loadParams(m, f, dtype);
        const inputs: Record<string, Tensor> = {};
        for (const [k, v] of Object.entries(f.inputs)) inputs[k] = toTensor(v as never, dtype).requiresGrad_();
        const exp = f[key];
        const tol = TOL[dtype];
        let outs: Tensor[];
        if (isLstm) {
          const hx = inputs.h0 ? ([inputs.h0, inputs.c0] as [Tensor, Tensor]) : undefined;
          const [output, [hN, cN]] = (m as LSTM).forward(inputs.input, hx);
          outs = [output, hN, cN];
          assertClose(cN, exp.c_n, tol, 'c_n');
        } else {
          const [output, hN] = (m as GRU).forward(inputs.input, inputs.h0);
          outs = [output, hN];
        }
        assertClose(outs[0], exp.output, tol, 'output');
        assertClose(outs[1], exp.h_n, tol, 'h_n');
        assert.equal(outs[0].dtype, dtype);
        const names = isLstm ? ['output', 'h_n', 'c_n'] : ['output', 'h_n'];
        weightedSum(
          outs,
          names.map((n) => toTensor(f.upstream[n], dtype)),
        ).backward();
        const params = Object.fromEntries(m.namedParameters());
        for (const k of f.requires_grad) {
          const t = k in inputs ? inputs[k] : params[k];
          assertClose(t.grad, exp.grads[k], tol, `grad ${k}`);
        }
      });
    }
  }
});

/** Step-by-step LSTM/GRU from elementary differentiable ops: the reference for the fused kernels. */
function referenceRun(
  m: RNNBase,
  kind: 'lstm' | 'gru',
  x: Tensor, // (T, B, I) time-major
  h0: Tensor | null, // (D*L, B, H)
  c0: Tensor | null,
): { output: Tensor; hN: Tensor; cN: Tensor | null } {
  const [T] = x.shape;
  const H = m.hiddenSize;
  const D = m.numDirections;
  const B = x.shape[1];
  let layerInput = x;
  const hs: Tensor[] = [];
  const cs: Tensor[] = [];
  const part = (t: Tensor, g: number) => F.slice(t, [null, [g * H, (g + 1) * H]]);
  for (let layer = 0; layer < m.numLayers; layer++) {
    const dirOuts: Tensor[] = [];
    for (let d = 0; d < D; d++) {
      const w = m.layerWeights(layer, d);
      const idx = layer * D + d;
      let h = h0 === null ? new Tensor(new Float64Array(B * H), [B, H]) : F.slice(h0, [idx]);
      let c = c0 === null ? new Tensor(new Float64Array(B * H), [B, H]) : F.slice(c0, [idx]);
      const steps: Tensor[] = new Array(T);
      for (let s = 0; s < T; s++) {
        const t = d === 1 ? T - 1 - s : s;
        const xt = F.slice(layerInput, [t]);
        const xp = F.linear(xt, w.weightIh, w.biasIh);
        const hp = F.linear(h, w.weightHh, w.biasHh);
        if (kind === 'lstm') {
          const gates = F.add(xp, hp);
          const i = F.sigmoid(part(gates, 0));
          const f = F.sigmoid(part(gates, 1));
          const g = F.tanh(part(gates, 2));
          const o = F.sigmoid(part(gates, 3));
          c = F.add(F.mul(f, c), F.mul(i, g));
          h = F.mul(o, F.tanh(c));
        } else {
          const r = F.sigmoid(F.add(part(xp, 0), part(hp, 0)));
          const z = F.sigmoid(F.add(part(xp, 1), part(hp, 1)));
          const n = F.tanh(F.add(part(xp, 2), F.mul(r, part(hp, 2))));
          h = F.add(F.mul(F.sub(1, z), n), F.mul(z, h));
        }
        steps[t] = h;
      }
      dirOuts.push(F.stack(steps, 0));
      hs.push(h);
      cs.push(c);
    }
    layerInput = D === 1 ? dirOuts[0] : F.concat(dirOuts, 2);
  }
  return { output: layerInput, hN: F.stack(hs, 0), cN: kind === 'lstm' ? F.stack(cs, 0) : null };
}

function randn(shape: number[], rng: RandomGenerator): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(
    Float64Array.from({ length: n }, () => rng.normal()),
    shape,
  );
}

function gradsOf(ts: Tensor[]): number[][] {
  return ts.map((t) => Array.from(t.grad?.data ?? []));
}

function closeArrays(a: ArrayLike<number>, b: ArrayLike<number>, what: string, tol = 1e-10): void {
  assert.equal(a.length, b.length, `${what}: length`);
  for (let i = 0; i < a.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) <= tol * (1 + Math.abs(b[i])), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
  }
}

describe('fused kernels equal a composite-op reference', () => {
  const cases = [
    { numLayers: 2, bidirectional: false, bias: true, withState: false },
    { numLayers: 1, bidirectional: true, bias: true, withState: true },
    { numLayers: 2, bidirectional: true, bias: false, withState: true },
    { numLayers: 3, bidirectional: false, bias: true, withState: true },
  ];
  for (const kind of ['lstm', 'gru'] as const) {
    for (const cfg of cases) {
      test(`${kind} ${JSON.stringify(cfg)}: outputs and every gradient`, () => {
        const rng = new RandomGenerator(7);
        const [T, B, I, H] = [4, 3, 5, 6];
        const opts = {
          numLayers: cfg.numLayers,
          bidirectional: cfg.bidirectional,
          bias: cfg.bias,
          dtype: 'float64' as const,
        };
        const m = kind === 'lstm' ? new LSTM(I, H, opts) : new GRU(I, H, opts);
        const D = cfg.bidirectional ? 2 : 1;
        const x = randn([T, B, I], rng).requiresGrad_();
        const h0 = cfg.withState ? randn([D * cfg.numLayers, B, H], rng).requiresGrad_() : null;
        const c0 = cfg.withState && kind === 'lstm' ? randn([D * cfg.numLayers, B, H], rng).requiresGrad_() : null;
        const uOut = randn([T, B, D * H], rng);
        const uH = randn([D * cfg.numLayers, B, H], rng);
        const uC = randn([D * cfg.numLayers, B, H], rng);
        const leaves = [x, ...(h0 ? [h0] : []), ...(c0 ? [c0] : []), ...m.parameters()];

        const ref = referenceRun(m, kind, x, h0, c0);
        weightedSum(ref.cN ? [ref.output, ref.hN, ref.cN] : [ref.output, ref.hN], [uOut, uH, uC]).backward();
        const refGrads = gradsOf(leaves);
        for (const t of leaves) t.grad = null;

        let outs: Tensor[];
        if (kind === 'lstm') {
          const [o, [hN, cN]] = (m as LSTM).forward(x, h0 && c0 ? [h0, c0] : undefined);
          outs = [o, hN, cN];
        } else {
          const [o, hN] = (m as GRU).forward(x, h0 ?? undefined);
          outs = [o, hN];
        }
        closeArrays(outs[0].data, ref.output.data, 'output');
        closeArrays(outs[1].data, ref.hN.data, 'h_n');
        if (ref.cN) closeArrays(outs[2].data, ref.cN.data, 'c_n');
        weightedSum(outs, [uOut, uH, uC]).backward();
        const got = gradsOf(leaves);
        got.forEach((g, i) => {
          closeArrays(g, refGrads[i], `grad of leaf ${i}`);
        });
      });
    }
  }
});

describe('recurrent layer options', () => {
  test('state-dict names and shapes follow PyTorch (2 layers, bidirectional)', () => {
    const m = new LSTM(3, 4, { numLayers: 2, bidirectional: true });
    const shapes = Object.fromEntries(Object.entries(m.stateDict()).map(([k, v]) => [k, [...v.shape]]));
    assert.deepEqual(Object.keys(shapes), [
      'weight_ih_l0',
      'weight_hh_l0',
      'bias_ih_l0',
      'bias_hh_l0',
      'weight_ih_l0_reverse',
      'weight_hh_l0_reverse',
      'bias_ih_l0_reverse',
      'bias_hh_l0_reverse',
      'weight_ih_l1',
      'weight_hh_l1',
      'bias_ih_l1',
      'bias_hh_l1',
      'weight_ih_l1_reverse',
      'weight_hh_l1_reverse',
      'bias_ih_l1_reverse',
      'bias_hh_l1_reverse',
    ]);
    assert.deepEqual(shapes.weight_ih_l1, [16, 8]);
    assert.deepEqual(
      new GRU(3, 4, { bias: false }).namedParameters().map(([n]) => n),
      ['weight_ih_l0', 'weight_hh_l0'],
    );
  });

  test('init is U(-1/sqrt(H), 1/sqrt(H)) and reproducible under manualSeed', () => {
    manualSeed(3);
    const a = new GRU(5, 16);
    manualSeed(3);
    const b = new GRU(5, 16);
    const bound = 1 / 4;
    let maxAbs = 0;
    for (const p of a.parameters()) for (const v of p.data) maxAbs = Math.max(maxAbs, Math.abs(v));
    assert.ok(maxAbs <= bound && maxAbs > 0.9 * bound, `max |w| = ${maxAbs}`);
    assert.deepEqual(Array.from(a.parameters()[0].data), Array.from(b.parameters()[0].data));
  });

  test('batchFirst and unbatched inputs agree with the time-major batched run', () => {
    const rng = new RandomGenerator(1);
    const m = new LSTM(3, 4, { dtype: 'float64' });
    const mf = new LSTM(3, 4, { dtype: 'float64', batchFirst: true });
    mf.loadStateDict(m.stateDict());
    const x = randn([5, 2, 3], rng); // (T, B, I)
    const [o] = m.forward(x);
    const [of] = mf.forward(F.permute(x, [1, 0, 2]));
    assert.deepEqual([...of.shape], [2, 5, 4]);
    closeArrays(F.permute(of, [1, 0, 2]).data, o.data, 'batchFirst');
    const x0 = F.slice(x, [null, 1]); // (T, I), batch element 1
    const [ou, [hu]] = m.forward(x0);
    assert.deepEqual([...ou.shape], [5, 4]);
    assert.deepEqual([...hu.shape], [1, 4]);
    closeArrays(ou.data, F.slice(o, [null, 1]).data, 'unbatched');
  });

  test('dropout acts between layers in training only', () => {
    const rng = new RandomGenerator(2);
    const x = randn([6, 2, 3], rng);
    const plain = new GRU(3, 4, { numLayers: 2, dtype: 'float64' });
    const dropped = new GRU(3, 4, { numLayers: 2, dropout: 0.5, dtype: 'float64', generator: new RandomGenerator(5) });
    dropped.loadStateDict(plain.stateDict());
    dropped.eval();
    closeArrays(dropped.forward(x)[0].data, plain.forward(x)[0].data, 'eval');
    dropped.train();
    const a = dropped.forward(x)[0].data;
    const b = plain.forward(x)[0].data;
    assert.ok(
      Array.from(a).some((v, i) => Math.abs(v - b[i]) > 1e-6),
      'training output should differ',
    );
  });

  test('float64 input to a float32 layer is converted at the boundary', () => {
    const m = new LSTM(2, 3);
    const [o, [h]] = m.forward(new Tensor(new Float64Array(2 * 1 * 2).fill(0.5), [2, 1, 2]));
    assert.equal(o.dtype, 'float32');
    assert.equal(h.dtype, 'float32');
  });

  test('shape errors name the problem', () => {
    const m = new LSTM(3, 4);
    assert.throws(() => m.forward(new Tensor(new Float32Array(10), [5, 2])), /inputSize 3/);
    assert.throws(() => m.forward(new Tensor(new Float32Array(30), [5, 2, 3, 1])), /2-D \(unbatched\) or 3-D/);
    const x = new Tensor(new Float32Array(30), [5, 2, 3]);
    const bad = new Tensor(new Float32Array(8), [1, 2, 4]);
    assert.throws(
      () => m.forward(x, [bad, new Tensor(new Float32Array(4), [1, 1, 4])]),
      /initial state 1 must have shape/,
    );
    assert.throws(() => new GRU(0, 4), /inputSize must be a positive integer/);
    assert.throws(() => new GRU(3, 4, { dropout: 2 }), /dropout must be in/);
  });

  test('a long unroll trains: an LSTM learns to output the running sign of its input sum', () => {
    manualSeed(0);
    const m = new LSTM(1, 8, { batchFirst: true, dtype: 'float64' });
    const head = new (class {
      w = new Tensor(new Float64Array(8).fill(0.1), [8, 1]).requiresGrad_();
    })();
    const rng = new RandomGenerator(4);
    const x = randn([16, 30, 1], rng);
    const target = new Float64Array(16 * 30);
    for (let b = 0; b < 16; b++) {
      let s = 0;
      for (let t = 0; t < 30; t++) {
        s += x.data[b * 30 + t];
        target[b * 30 + t] = s > 0 ? 1 : 0;
      }
    }
    const y = new Tensor(target, [16, 30, 1]);
    const params = [...m.parameters(), head.w];
    const opt = new Adam(params, { lr: 0.05 });
    let first = 0;
    let last = 0;
    for (let step = 0; step < 60; step++) {
      opt.zeroGrad();
      const [o] = m.forward(x);
      const loss = F.binaryCrossEntropyWithLogits(F.matmul(o, head.w), y);
      if (step === 0) first = loss.item();
      last = loss.item();
      loss.backward();
      opt.step();
    }
    assert.ok(last < 0.5 * first, `loss ${first} -> ${last}`);
  });
});
