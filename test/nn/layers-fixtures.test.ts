/** `layers/*.json` PyTorch fixtures: module outputs, input and parameter gradients, BatchNorm buffers. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  AvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  Conv2d,
  Embedding,
  LayerNorm,
  Linear,
  MaxPool2d,
  type Module,
} from '../../src/nn/index.js';
import type { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, type Fixture, fixturesIn, RUNS, TOL, toTensor } from './torch-fixture.js';

function build(f: Fixture, dtype: 'float32' | 'float64'): Module {
  const c = f.config;
  switch (f.module) {
    case 'Linear':
      return new Linear(c.in_features, c.out_features, { bias: c.bias, dtype });
    case 'Conv2d':
      return new Conv2d(c.in_channels, c.out_channels, c.kernel_size, {
        stride: c.stride,
        padding: c.padding,
        dilation: c.dilation,
        groups: c.groups,
        bias: c.bias,
        dtype,
      });
    case 'MaxPool2d':
      return new MaxPool2d(c.kernel_size, { stride: c.stride, padding: c.padding });
    case 'AvgPool2d':
      return new AvgPool2d(c.kernel_size, {
        stride: c.stride,
        padding: c.padding,
        countIncludePad: c.count_include_pad,
      });
    case 'BatchNorm1d':
      return new BatchNorm1d(c.num_features, { eps: c.eps, momentum: c.momentum, dtype });
    case 'BatchNorm2d':
      return new BatchNorm2d(c.num_features, { eps: c.eps, momentum: c.momentum, dtype });
    case 'LayerNorm':
      return new LayerNorm(c.normalized_shape, { eps: c.eps, dtype });
    case 'Embedding':
      return new Embedding(c.num_embeddings, c.embedding_dim, { paddingIdx: c.padding_idx ?? undefined, dtype });
    default:
      throw new Error(`no builder for ${f.module}`);
  }
}

const supported = new Set([
  'Linear',
  'Conv2d',
  'MaxPool2d',
  'AvgPool2d',
  'BatchNorm1d',
  'BatchNorm2d',
  'LayerNorm',
  'Embedding',
]);

describe('layers match the PyTorch fixtures', () => {
  for (const [name, f] of fixturesIn('layers')) {
    if (!supported.has(f.module)) continue;
    for (const { dtype, key } of RUNS) {
      test(`${name} (${dtype})`, () => {
        const m = build(f, dtype);
        const state: Record<string, Tensor> = {};
        for (const [k, v] of Object.entries(f.params ?? {})) state[k] = toTensor(v as never, dtype);
        for (const [k, v] of Object.entries(f.buffers ?? {})) state[k] = toTensor(v as never, dtype);
        m.loadStateDict(state);
        if (f.mode === 'eval') m.eval();
        const input = toTensor(f.inputs.input, dtype);
        if (f.requires_grad.includes('input')) input.requiresGrad_();
        const out = m.forward(input) as Tensor;
        const exp = f[key];
        const tol = TOL[dtype];
        assertClose(out, exp.output, tol, 'output');
        out.backward(toTensor(f.upstream.output, dtype));
        const params = Object.fromEntries(m.namedParameters());
        for (const k of f.requires_grad) {
          const t = k === 'input' ? input : params[k];
          assertClose(t.grad, exp.grads[k], tol, `grad ${k}`);
        }
        if (exp.buffers) {
          const buffers = Object.fromEntries(m.namedBuffers());
          for (const [k, v] of Object.entries(exp.buffers)) assertClose(buffers[k], v as never, tol, `buffer ${k}`);
        }
        assert.equal(out.dtype, dtype);
      });
    }
  }
});
