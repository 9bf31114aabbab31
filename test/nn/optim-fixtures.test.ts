/** `optim/`, `sched/` and `e2e/` PyTorch fixtures: optimizer steps, lr schedules, a full training loop. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Adagrad,
  Adam,
  AdamW,
  CosineAnnealingLR,
  CrossEntropyLoss,
  Linear,
  type LRScheduler,
  type Optimizer,
  Parameter,
  ReLU,
  RMSprop,
  Sequential,
  SGD,
  StepLR,
} from '../../src/nn/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import { assertClose, type Fixture, fixturesIn, loadFixture, RUNS, TOL, toTensor } from './torch-fixture.js';

// biome-ignore lint/suspicious/noExplicitAny: optimizers of several option types
function buildOptimizer(name: string, params: Parameter[], c: Record<string, any>): Optimizer<any> {
  const common = { lr: c.lr, weightDecay: c.weight_decay, eps: c.eps };
  const clean = <T extends object>(o: T): T =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
  switch (name) {
    case 'SGD':
      return new SGD(params, clean({ ...common, momentum: c.momentum, dampening: c.dampening, nesterov: c.nesterov }));
    case 'Adam':
      return new Adam(params, clean({ ...common, betas: c.betas, amsgrad: c.amsgrad }));
    case 'AdamW':
      return new AdamW(params, clean({ ...common, betas: c.betas, amsgrad: c.amsgrad }));
    case 'RMSprop':
      return new RMSprop(params, clean({ ...common, alpha: c.alpha, momentum: c.momentum, centered: c.centered }));
    case 'Adagrad':
      return new Adagrad(
        params,
        clean({ ...common, lrDecay: c.lr_decay, initialAccumulatorValue: c.initial_accumulator_value }),
      );
    default:
      throw new Error(`no optimizer ${name}`);
  }
}

describe('optimizers match the PyTorch fixtures', () => {
  for (const [name, f] of fixturesIn('optim')) {
    for (const dtype of ['float64', 'float32'] as const) {
      test(`${name} (${dtype})`, () => {
        const names = Object.keys(f.params);
        const params = names.map((k) => new Parameter(toTensor(f.params[k], dtype)));
        const opt = buildOptimizer(f.op, params, f.config);
        f.inputs.grads.forEach((grads: Fixture, step: number) => {
          names.forEach((k, i) => {
            params[i].grad = toTensor(grads[k], dtype);
          });
          opt.step();
          names.forEach((k, i) => {
            assertClose(params[i], f.expected.params_after_step[step][k], TOL[dtype], `step ${step + 1} ${k}`);
          });
        });
      });
    }
  }
});

describe('schedulers match the PyTorch fixtures', () => {
  for (const [name, f] of fixturesIn('sched')) {
    test(name, () => {
      const p = new Parameter(new Tensor(new Float64Array([1])));
      const opt = new SGD([p], { lr: f.config.lr });
      const c = f.config;
      let sched: LRScheduler;
      if (f.op === 'StepLR') sched = new StepLR(opt, { stepSize: c.step_size, gamma: c.gamma });
      else sched = new CosineAnnealingLR(opt, { tMax: c.T_max, etaMin: c.eta_min });
      const lrs = [sched.getLastLr()[0]];
      for (let k = 0; k < f.inputs.steps; k++) {
        p.grad = new Tensor(new Float64Array([0]));
        opt.step();
        sched.step();
        lrs.push(sched.getLastLr()[0]);
      }
      assert.equal(lrs.length, f.expected.lr.length);
      lrs.forEach((lr, k) => {
        const e = f.expected.lr[k];
        assert.ok(Math.abs(lr - e) <= 1e-12 + 1e-9 * Math.abs(e), `lr[${k}] = ${lr}, expected ${e}`);
      });
    });
  }
});

describe('end-to-end MLP training matches PyTorch', () => {
  const f = loadFixture('e2e/mlp_adam.json');
  for (const { dtype } of RUNS) {
    test(`mlp_adam (${dtype})`, () => {
      const model = new Sequential(new Linear(4, 8, { dtype }), new ReLU(), new Linear(8, 3, { dtype }));
      const state: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(f.params)) state[k] = toTensor(v as never, dtype);
      model.loadStateDict(state);
      const X = toTensor(f.inputs.X, dtype);
      const y = toTensor(f.inputs.y);
      const opt = new Adam(model.parameters(), { lr: f.config.lr });
      const lossFn = new CrossEntropyLoss();
      const tol = dtype === 'float64' ? TOL.float64 : { rtol: 1e-4, atol: 1e-5 };
      for (let step = 0; step < f.config.steps; step++) {
        opt.zeroGrad();
        const loss = lossFn.forward(model.forward(X), y);
        assertClose(loss, f.expected.loss[step], tol, `loss ${step}`);
        loss.backward();
        const params = Object.fromEntries(model.namedParameters());
        for (const [k, v] of Object.entries(f.expected.grads_at_step[step]))
          assertClose(params[k].grad, v as never, tol, `grad ${step} ${k}`);
        opt.step();
        for (const [k, v] of Object.entries(f.expected.params_after_step[step]))
          assertClose(params[k], v as never, tol, `param ${step} ${k}`);
      }
    });
  }
});
