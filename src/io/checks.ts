/**
 * io's contribution to `checkEstimator` (base cannot import io):
 * `checkSaveLoadBinary`, the binary round trip, which estimators' tests pass
 * through `extraChecks`.
 */
import {
  type CheckContext,
  difference,
  type EstimatorCheck,
  expect,
  expectThrows,
  fit,
  make,
  outputMethods,
  outputs,
  type Probe,
} from '../base/check-helpers.js';
import { NotFittedError } from '../base/errors.js';
import type { LoadableClass } from '../compose/registry.js';
import { ModelFormatError } from './errors.js';
import { deserialize, serialize } from './serialize.js';

function sameBytes(a: Uint8Array, b: Uint8Array): string | undefined {
  if (a.length !== b.length) return `lengths ${a.length} vs ${b.length}`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `first difference at byte ${i}`;
  return undefined;
}

async function run(ctx: CheckContext): Promise<void> {
  const est = make(ctx);
  await fit(ctx, est);
  const classes = [est.constructor as unknown as LoadableClass];
  const bytes = serialize(est);
  const loaded = (await deserialize(bytes, { classes })) as Probe;
  expect(
    loaded.constructor === est.constructor,
    `deserialize gave a ${loaded.constructor.name}, not a ${ctx.estimatorName}`,
  );
  const dp = difference(loaded.getParams(), est.getParams(), 'params');
  expect(dp === undefined, `params differ after serialize/deserialize: ${dp}`);
  const d = difference(outputs(loaded, ctx.data.X), outputs(est, ctx.data.X), 'output');
  expect(d === undefined, `predictions differ after serialize/deserialize: ${d}`);
  const again = sameBytes(serialize(loaded), bytes);
  expect(again === undefined, `serializing the loaded model gives different bytes: ${again}`);

  const cut = bytes.subarray(0, bytes.length - 1);
  await expectThrows(() => deserialize(cut, { classes }), ModelFormatError, 'deserialize of truncated bytes');
  const flipped = bytes.slice();
  flipped[flipped.length >> 1] ^= 0x40;
  await expectThrows(() => deserialize(flipped, { classes }), ModelFormatError, 'deserialize of corrupted bytes');

  if (ctx.tags.requiresFit) {
    const unfitted = (await deserialize(serialize(make(ctx)), { classes })) as Probe;
    for (const m of outputMethods(unfitted)) {
      await expectThrows(() => unfitted[m](ctx.data.X), NotFittedError, `${m} on a serialized unfitted estimator`);
    }
  }
}

/**
 * "Saves and loads in the binary format": the fitted estimator survives
 * `serialize`/`deserialize` with identical params and outputs, re-serializes
 * to identical bytes, truncated or corrupted bytes are refused with a
 * `ModelFormatError`, and an unfitted one stays unfitted. Pass it to `checkEstimator`.
 * @example await checkEstimator(() => new GaussianNB(), { extraChecks: [checkSaveLoadBinary] });
 */
export const checkSaveLoadBinary: EstimatorCheck = { name: 'checkSaveLoadBinary', run };
