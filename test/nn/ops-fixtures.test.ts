/** Every `ops/*.json` PyTorch fixture: forward values and gradients, in float64 and float32. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { F } from '../../src/nn/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, type Fixture, fixturesIn, RUNS, TOL, toTensor } from './torch-fixture.js';

type Outputs = { output: Tensor; indices?: Tensor };

function run(f: Fixture, inp: Record<string, Tensor>): Outputs {
  const c = f.config;
  const x = inp.x;
  switch (f.op) {
    case 'add':
      return { output: F.add(inp.a, inp.b) };
    case 'sub':
      return { output: F.sub(inp.a, inp.b) };
    case 'mul':
      return { output: F.mul(inp.a, inp.b) };
    case 'div':
      return { output: F.div(inp.a, inp.b) };
    case 'pow':
      return { output: inp.base ? F.pow(inp.base, inp.exponent) : F.pow(x, c.exponent) };
    case 'exp':
      return { output: F.exp(x) };
    case 'log':
      return { output: F.log(x) };
    case 'sqrt':
      return { output: F.sqrt(x) };
    case 'tanh':
      return { output: F.tanh(x) };
    case 'sigmoid':
      return { output: F.sigmoid(x) };
    case 'neg':
      return { output: F.neg(x) };
    case 'abs':
      return { output: F.abs(x) };
    case 'relu':
      return { output: F.relu(x) };
    case 'leaky_relu':
      return { output: F.leakyRelu(x, c.negative_slope) };
    case 'gelu':
      return { output: F.gelu(x, c.approximate) };
    case 'clamp':
      return { output: F.clamp(x, c.min, c.max) };
    case 'softmax':
      return { output: F.softmax(x, c.dim) };
    case 'log_softmax':
      return { output: F.logSoftmax(x, c.dim) };
    case 'sum':
      return { output: F.sum(x, { axis: c.dim, keepdims: c.keepdim }) };
    case 'mean':
      return { output: F.mean(x, { axis: c.dim, keepdims: c.keepdim }) };
    case 'var':
      return { output: F.variance(x, { axis: c.dim, unbiased: c.unbiased }) };
    case 'max': {
      if (c.dim === undefined) return { output: F.max(x) };
      const r = F.max(x, c.dim, c.keepdim);
      return { output: r.values, indices: r.indices };
    }
    case 'matmul':
      return { output: F.matmul(inp.a, inp.b) };
    case 'transpose':
      return { output: F.transpose(x, c.dim0, c.dim1) };
    case 't':
      return { output: F.transpose(x) };
    case 'permute':
      return { output: F.permute(x, c.dims) };
    case 'reshape':
      return { output: F.reshape(x, c.shape) };
    case 'cat':
      return { output: F.concat(Object.values(inp), c.dim) };
    case 'stack':
      return { output: F.stack(Object.values(inp), c.dim) };
    case 'index_select':
      return { output: F.indexSelect(x, c.dim, inp.index) };
    case 'gather':
      return { output: F.gather(x, c.dim, inp.index) };
    default:
      throw new Error(`no runner for op ${f.op}`);
  }
}

describe('ops match the PyTorch fixtures', () => {
  for (const [name, f] of fixturesIn('ops')) {
    for (const { dtype, key } of RUNS) {
      test(`${name} (${dtype})`, () => {
        const inputs: Record<string, Tensor> = {};
        for (const [k, v] of Object.entries(f.inputs)) inputs[k] = toTensor(v as never, dtype);
        for (const k of f.requires_grad) inputs[k].requiresGrad_();
        const out = run(f, inputs);
        const exp = f[key];
        const tol = TOL[dtype];
        assertClose(out.output, exp.output, tol, 'output');
        if (exp.indices) assertClose(out.indices, exp.indices, tol, 'indices');
        assert.equal(out.output.dtype, dtype);
        out.output.backward(toTensor(f.upstream.output, dtype));
        for (const k of f.requires_grad) assertClose(inputs[k].grad, exp.grads[k], tol, `grad ${k}`);
      });
    }
  }
});
