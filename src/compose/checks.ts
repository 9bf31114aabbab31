/**
 * Compose's contribution to `checkEstimator` (base cannot import compose):
 * `checkInPipeline`, "works in Pipeline", which estimators' tests pass through
 * `extraChecks`.
 */
import {
  type CheckContext,
  difference,
  type EstimatorCheck,
  expect,
  fit,
  make,
  outputs,
  type Probe,
} from '../base/check-helpers.js';
import { clone } from '../base/clone.js';
import { Pipeline } from './pipeline.js';
import type { LoadableClass } from './registry.js';

async function run(ctx: CheckContext): Promise<void> {
  const alone = make(ctx);
  await fit(ctx, alone);
  const pipe = new Pipeline([
    ['identity', 'passthrough'],
    ['est', make(ctx)],
  ]) as unknown as Probe;
  await fit(ctx, pipe);
  const expected = outputs(alone, ctx.data.X);
  const got = outputs(pipe, ctx.data.X);
  expect(
    Object.keys(got).sort().join() === Object.keys(expected).sort().join(),
    `a Pipeline ending in the estimator should offer ${Object.keys(expected).join(', ')}, it offers ${Object.keys(got).join(', ')}`,
  );
  const d = difference(got, expected, 'output');
  expect(d === undefined, `the estimator inside a Pipeline gives different results than alone: ${d}`);

  const params = alone.getParams() as Record<string, unknown>;
  const key = Object.keys(params)[0];
  if (key !== undefined) {
    const deep = (pipe as unknown as Pipeline).getParams({ deep: true });
    const dp = difference(deep[`est__${key}`], params[key], `est__${key}`);
    expect(dp === undefined, `Pipeline.getParams({ deep: true }) does not show the estimator's params: ${dp}`);
    (pipe as unknown as Pipeline).setParams({ [`est__${key}`]: params[key] });
  }
  const copy = clone(pipe as unknown as Pipeline);
  expect(copy.at('est') !== (pipe as unknown as Pipeline).at('est'), 'clone(pipeline) must clone the estimator');

  const Ctor = alone.constructor as unknown as LoadableClass;
  const loaded = Pipeline.fromJSON(JSON.parse(JSON.stringify(pipe)), { classes: [Ctor] }) as unknown as Probe;
  const dl = difference(outputs(loaded, ctx.data.X), expected, 'output');
  expect(dl === undefined, `a saved and loaded Pipeline gives different results: ${dl}`);
}

/**
 * "Works in Pipeline": the estimator behind a passthrough step gives the same
 * outputs as alone, exposes its params as `est__param`, clones, and survives a
 * Pipeline save/load. Pass it to `checkEstimator`.
 * @example await checkEstimator(() => new GaussianNB(), { extraChecks: [checkInPipeline] });
 */
export const checkInPipeline: EstimatorCheck = { name: 'checkInPipeline', run };
