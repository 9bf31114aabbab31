/** `losses/*.json` PyTorch fixtures: loss values and input gradients, float64 and float32. */
import { describe, test } from 'node:test';
import {
  BCELoss,
  BCEWithLogitsLoss,
  CrossEntropyLoss,
  HuberLoss,
  KLDivLoss,
  L1Loss,
  type Module,
  MSELoss,
  NLLLoss,
  SmoothL1Loss,
} from '../../src/nn/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, type Fixture, fixturesIn, RUNS, TOL, toTensor } from './torch-fixture.js';

function vec(v: number[] | undefined, dtype: 'float32' | 'float64'): Tensor | undefined {
  if (v === undefined) return undefined;
  return new Tensor(dtype === 'float32' ? Float32Array.from(v) : Float64Array.from(v));
}

function build(f: Fixture, dtype: 'float32' | 'float64'): Module {
  const c = f.config;
  const reduction = c.reduction;
  const weight = vec(c.weight, dtype);
  switch (f.module) {
    case 'CrossEntropyLoss':
      return new CrossEntropyLoss({
        reduction,
        weight,
        ignoreIndex: c.ignore_index,
        labelSmoothing: c.label_smoothing,
      });
    case 'NLLLoss':
      return new NLLLoss({ reduction, weight, ignoreIndex: c.ignore_index });
    case 'MSELoss':
      return new MSELoss({ reduction });
    case 'L1Loss':
      return new L1Loss({ reduction });
    case 'SmoothL1Loss':
      return new SmoothL1Loss({ reduction, beta: c.beta });
    case 'HuberLoss':
      return new HuberLoss({ reduction, delta: c.delta });
    case 'BCELoss':
      return new BCELoss({ reduction, weight });
    case 'BCEWithLogitsLoss':
      return new BCEWithLogitsLoss({ reduction, weight, posWeight: vec(c.pos_weight, dtype) });
    case 'KLDivLoss':
      return new KLDivLoss({ reduction, logTarget: c.log_target });
    default:
      throw new Error(`no builder for ${f.module}`);
  }
}

describe('losses match the PyTorch fixtures', () => {
  for (const [name, f] of fixturesIn('losses')) {
    for (const { dtype, key } of RUNS) {
      test(`${name} (${dtype})`, () => {
        const input = toTensor(f.inputs.input, dtype).requiresGrad_();
        const target = toTensor(f.inputs.target, dtype);
        const loss = build(f, dtype).forward(input, target) as Tensor;
        const exp = f[key];
        const tol = TOL[dtype];
        assertClose(loss, exp.output, tol, 'loss');
        loss.backward(f.upstream?.output ? toTensor(f.upstream.output, dtype) : undefined);
        assertClose(input.grad, exp.grads.input, tol, 'grad input');
      });
    }
  }
});
