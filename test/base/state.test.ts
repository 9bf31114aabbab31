import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from '../../src/base/errors.js';
import { checkSavedModel, decodeState, encodeState, StateReader } from '../../src/base/state.js';
import type { JsonValue } from '../../src/base/types.js';
import { DummyClassifier } from '../../src/dummy/dummy-classifier.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { SparseMatrix } from '../../src/tensor/sparse.js';
import { Tensor } from '../../src/tensor/tensor.js';

const roundTrip = (v: unknown) => decodeState(JSON.parse(JSON.stringify(encodeState(v))) as JsonValue);

describe('encodeState / decodeState', () => {
  test('special numbers survive, including -0', () => {
    const out = roundTrip({
      a: Number.NaN,
      b: Number.POSITIVE_INFINITY,
      c: Number.NEGATIVE_INFINITY,
      d: -0,
      e: 0,
      f: 1.5,
    }) as Record<string, number>;
    assert.ok(Number.isNaN(out.a));
    assert.equal(out.b, Number.POSITIVE_INFINITY);
    assert.equal(out.c, Number.NEGATIVE_INFINITY);
    assert.ok(Object.is(out.d, -0));
    assert.ok(Object.is(out.e, 0));
    assert.equal(out.f, 1.5);
  });

  test('strings that look like special numbers stay strings', () => {
    assert.deepEqual(roundTrip(['NaN', 'Infinity', '-0']), ['NaN', 'Infinity', '-0']);
  });

  test('typed arrays keep their type and exact values (float32 too)', () => {
    const f32 = Float32Array.of(0.1, Number.NaN, -0, Number.POSITIVE_INFINITY, 3.4028234663852886e38);
    const back = roundTrip(f32) as Float32Array;
    assert.ok(back instanceof Float32Array);
    assert.deepEqual(new Uint8Array(back.buffer), new Uint8Array(f32.buffer));
    assert.deepEqual(roundTrip(Int32Array.of(-2147483648, 7)), Int32Array.of(-2147483648, 7));
    assert.deepEqual(roundTrip(Uint8Array.of(0, 255)), Uint8Array.of(0, 255));
  });

  test('tensors keep dtype and shape', () => {
    const t = new Tensor(Float32Array.of(1, Number.NaN, 3, -0, 5, 6), [2, 3]);
    const back = roundTrip(t) as Tensor;
    assert.ok(back instanceof Tensor);
    assert.equal(back.dtype, 'float32');
    assert.deepEqual(back.shape, [2, 3]);
    assert.ok(Object.is(back.data[3], -0) && Number.isNaN(back.data[1]));
  });

  test('Map, Set, undefined, bigint, sparse matrices, random generators and estimators', () => {
    const rng = new RandomGenerator(3);
    rng.random();
    const value = {
      m: new Map<unknown, unknown>([
        ['a', 1],
        [2, Float64Array.of(1)],
      ]),
      s: new Set([1, 'x']),
      u: undefined,
      big: 12345678901234567890n,
      sp: new SparseMatrix([1, 2], [1, 0], [0, 1, 2], [2, 2]),
      rng,
      list: [undefined, null, true],
    };
    const back = roundTrip(value) as typeof value;
    assert.deepEqual(back.m, value.m);
    assert.deepEqual(back.s, value.s);
    assert.ok('u' in back && back.u === undefined);
    assert.equal(back.big, value.big);
    assert.deepEqual(back.sp.toDense().toArray(), value.sp.toDense().toArray());
    assert.equal(back.rng.random(), rng.random());
    assert.deepEqual(back.list, [undefined, null, true]);
    const withModel = encodeState({ inner: new DummyClassifier({ strategy: 'uniform' }) });
    assert.throws(() => decodeState(withModel), /holds a saved DummyClassifier; pass a loadEstimator/);
    const restored = decodeState(withModel, { loadEstimator: (s) => DummyClassifier.fromJSON(s) }) as {
      inner: DummyClassifier;
    };
    assert.equal(restored.inner.params.strategy, 'uniform');
  });

  test('property: any float64 array round-trips bit for bit', () => {
    fc.assert(
      fc.property(fc.float64Array(), (a) => {
        const back = roundTrip(a) as Float64Array;
        assert.deepEqual(new Uint8Array(back.buffer), new Uint8Array(a.buffer));
      }),
    );
  });

  test('unsupported values name their path', () => {
    assert.throws(() => encodeState({ a: { f: () => 1 } }), /Cannot save state\.a\.f: function values/);
    assert.throws(() => encodeState({ d: new Date(0) }), /Cannot save state\.d: <Date instance> is not serializable/);
    assert.throws(() => encodeState({ $type: 'x' }), /the key '\$type' is reserved/);
  });

  test('malformed encodings are ValidationErrors naming the path', () => {
    assert.throws(() => decodeState({ a: { $type: 'alien' } }), /state\.a: unknown encoded type 'alien'/);
    assert.throws(
      () => decodeState({ $type: 'tensor', dtype: 'float16', shape: [1], data: [1] }),
      /unknown dtype 'float16'/,
    );
    assert.throws(
      () => decodeState({ $type: 'tensor', dtype: 'float64', shape: [2], data: [1] }),
      /expected 2 values, got 1/,
    );
    assert.throws(
      () => decodeState({ $type: 'typedArray', arrayType: 'Float64Array', data: [1, 'x'] }),
      /data\[1\]: expected a number, got 'x'/,
    );
    assert.throws(() => decodeState({ $type: 'typedArray', arrayType: 'Function', data: [] }), ValidationError);
    assert.throws(
      () => decodeState({ $type: 'sparseMatrix', shape: [1, 1], data: [1], indices: [5], indptr: [0, 1] }),
      /invalid sparse matrix/,
    );
    assert.throws(
      () => decodeState({ $type: 'randomGenerator', state: { s: [0, 0, 0, 0] } }),
      /invalid random generator state/,
    );
  });
});

describe('checkSavedModel and StateReader', () => {
  test('checkSavedModel', () => {
    const ok = { format: 'typelearn-model', formatVersion: 1, className: 'A', params: {}, state: null };
    assert.equal(checkSavedModel(ok, 'A'), ok);
    assert.throws(() => checkSavedModel({ ...ok, className: 'B' }, 'A'), /this is a saved B, not a A/);
    assert.throws(
      () => checkSavedModel({ format: 'typelearn-model', formatVersion: 1, className: 'A' }),
      /missing 'params' or 'state'/,
    );
  });

  test('StateReader validates types', () => {
    const r = new StateReader({ n: 3, s: 'prior', f: Float64Array.of(1), l: ['a'], t: Tensor.from([[1]]) }, 'saved X');
    assert.equal(r.number('n', { integer: true, min: 0 }), 3);
    assert.equal(r.string('s', ['prior']), 'prior');
    assert.deepEqual(r.labels('l'), ['a']);
    assert.equal(r.tensor('t', [1, 1]).get(0, 0), 1);
    assert.throws(() => r.number('s'), /saved X: saved state 's' must be a number, got 'prior'/);
    assert.throws(() => r.string('s', ['mean']), /must be one of 'mean'/);
    assert.throws(() => r.float64Array('f', 2), /a Float64Array of length 2/);
    assert.throws(() => r.number('missing'), /saved state is missing 'missing'/);
    assert.throws(() => new StateReader([], 'saved X'), /saved state must be an object/);
  });
});

test('decodeState refuses a __proto__ key (untrusted files must not set prototypes)', () => {
  const hostile = JSON.parse('{"a": 1, "__proto__": {"polluted": true}}');
  assert.throws(() => decodeState(hostile), /__proto__/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});
