/**
 * Loading refuses bad bytes with a clear, specific ModelFormatError: foreign
 * files (named when recognisable), truncation, corruption, newer versions,
 * unknown classes and inconsistent buffers; random byte flips never crash or
 * give a wrong model.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from '../../src/base/errors.js';
import { DummyClassifier } from '../../src/dummy/dummy-classifier.js';
import { crc32 } from '../../src/io/crc32.js';
import { ModelFormatError } from '../../src/io/errors.js';
import { deserialize, serialize } from '../../src/io/serialize.js';
import { LogisticRegression } from '../../src/linear-model/logistic-regression.js';

const X = [
  [0, 1],
  [1, 0],
  [2, 1],
  [3, 0],
  [4, 1],
  [5, 0],
];
const y = [0, 0, 0, 1, 1, 1];
const model = await new LogisticRegression().fit(X, y);
const bytes = serialize(model);
const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

async function rejects(input: Uint8Array, reason: string, pattern: RegExp): Promise<ModelFormatError> {
  let caught: unknown;
  try {
    await deserialize(input);
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof ModelFormatError, `expected a ModelFormatError, got ${String(caught)}`);
  assert.ok(caught instanceof ValidationError, 'a ModelFormatError is a ValidationError');
  assert.equal(caught.reason, reason, caught.message);
  assert.match(caught.message, pattern);
  return caught;
}

/** `bytes` with a field rewritten and the checksum recomputed, so only that field is wrong. */
function patched(edit: (copy: Uint8Array, view: DataView) => Uint8Array | undefined): Uint8Array {
  const copy = bytes.slice();
  const out = edit(copy, new DataView(copy.buffer)) ?? copy;
  new DataView(out.buffer, out.byteOffset).setUint32(out.length - 4, crc32(out, 0, out.length - 4), true);
  return out;
}

/** `bytes` with the JSON header replaced (lengths and checksum fixed up). */
function withHeader(edit: (header: Record<string, unknown>) => void): Uint8Array {
  return withHeaderText((text) => {
    const header = JSON.parse(text);
    edit(header);
    return JSON.stringify(header);
  });
}

/** `bytes` with the JSON header text rewritten (lengths and checksum fixed up). */
function withHeaderText(edit: (text: string) => string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset);
  const headerLength = view.getUint32(12, true);
  const text = new TextEncoder().encode(edit(new TextDecoder().decode(bytes.subarray(24, 24 + headerLength))));
  const oldStart = Math.ceil((24 + headerLength) / 8) * 8;
  const newStart = Math.ceil((24 + text.length) / 8) * 8;
  const rest = bytes.subarray(oldStart);
  const out = new Uint8Array(newStart + rest.length);
  out.set(bytes.subarray(0, 24));
  out.set(text, 24);
  out.set(rest, newStart);
  const v = new DataView(out.buffer);
  v.setUint32(12, text.length, true);
  v.setBigUint64(16, BigInt(out.length), true);
  v.setUint32(out.length - 4, crc32(out, 0, out.length - 4), true);
  return out;
}

describe('CRC-32', () => {
  test('matches the standard check value and detects a change', () => {
    assert.equal(crc32(new TextEncoder().encode('123456789')), 0xcbf43926);
    assert.equal(crc32(new Uint8Array(0)), 0);
    assert.notEqual(crc32(new TextEncoder().encode('123456780')), 0xcbf43926);
  });
});

describe('foreign files are named', () => {
  const cases: [string, number[], RegExp][] = [
    ['zip', [0x50, 0x4b, 3, 4, 20, 0, 0, 0, 8, 0], /found bytes 50 4b 03 04 .*zip archive/],
    ['pickle', [0x80, 4, 0x95, 0x10, 0, 0, 0, 0, 0, 0], /Python pickle/],
    ['ONNX', [0x08, 0x07, 0x12, 0x08, ...ascii('pytorch')], /ONNX model/],
    ['HDF5', [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0], /HDF5/],
    ['CSV', ascii('age,fare,survived\n22,7.25,0\n'), /text file/],
    ['JSON array', ascii('[1, 2, 3]'), /JSON/],
    ['empty', [], /empty file/],
  ];
  for (const [name, content, pattern] of cases) {
    test(name, async () => {
      const error = await rejects(new Uint8Array(content), 'foreign', pattern);
      assert.match(error.message, /^not a typelearn model file/);
    });
  }

  test('JSON that is not a saved model, and JSON that does not parse', async () => {
    await rejects(new TextEncoder().encode('{"hello": 1}'), 'foreign', /not a saved typelearn model/);
    await rejects(new TextEncoder().encode('{"format": '), 'foreign', /does not parse/);
  });
});

describe('damaged files say what is wrong', () => {
  test('truncated: expected vs actual length', async () => {
    await rejects(
      bytes.subarray(0, bytes.length - 10),
      'truncated',
      new RegExp(`expected ${bytes.length} bytes, got ${bytes.length - 10}`),
    );
    await rejects(bytes.subarray(0, 12), 'truncated', /expected 24 bytes at least, got 12/);
    await rejects(bytes.subarray(0, 5), 'truncated', /got 5/);
  });

  test('corrupted: checksum mismatch, trailing bytes', async () => {
    const flipped = bytes.slice();
    flipped[40] ^= 1;
    await rejects(flipped, 'corrupted', /corrupted: checksum mismatch/);
    const longer = new Uint8Array(bytes.length + 3);
    longer.set(bytes);
    await rejects(longer, 'corrupted', /3 unexpected bytes after its end/);
  });

  test('newer format version: says which version it needs', async () => {
    const newer = patched((_, view) => void view.setUint32(8, 7, true));
    await rejects(newer, 'version', /needs typelearn model format version 7; .* reads format versions up to 1/);
  });

  test('unknown className: says how to register it', async () => {
    const unknown = withHeader((h) => {
      h.className = 'MyFancyModel';
    });
    const error = await rejects(unknown, 'unknown-class', /MyFancyModel/);
    assert.match(error.message, /registerEstimator\(MyFancyModel\)/);
    assert.match(error.message, /classes: \[MyFancyModel\]/);
  });

  test('buffer dtype or length inconsistent with the field: names the field', async () => {
    const header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(24, 24 + new DataView(bytes.buffer).getUint32(12, true))),
    );
    // Find the first buffer reference and its path in the state.
    let path = '';
    const find = (v: unknown, where: string): void => {
      if (path || v === null || typeof v !== 'object') return;
      if ('$buffer' in (v as object)) path = where;
      else
        for (const [k, c] of Object.entries(v as object))
          find(c, Array.isArray(v) ? `${where}[${k}]` : `${where}.${k}`);
    };
    find(header.state, 'state');
    assert.ok(path, 'the model has a buffer reference');
    const rewrite = (edit: (ref: Record<string, unknown>) => void) =>
      withHeader((h) => {
        let v: unknown = h;
        for (const key of path.replace(/\[(\d+)\]/g, '.$1').split('.')) v = (v as Record<string, unknown>)[key];
        edit(v as Record<string, unknown>);
      });
    const escaped = path.replace(/[.[\]$]/g, '\\$&');
    await rejects(
      rewrite((ref) => void (ref.dtype = 'int8')),
      'invalid',
      new RegExp(`^${escaped}: buffer dtype is "int8"`),
    );
    await rejects(
      rewrite((ref) => void (ref.length = 999)),
      'invalid',
      new RegExp(`^${escaped}: reference says length 999`),
    );
    await rejects(
      withHeader((h) => void ((h.buffers as { length: number }[])[0].length += 1)),
      'invalid',
      /header\.buffers\[0\]|header\.buffers\[1\]|buffer section/,
    );
  });

  test('other header problems name the field', async () => {
    await rejects(
      withHeader((h) => void delete h.params),
      'invalid',
      /missing 'params'/,
    );
    await rejects(
      withHeader((h) => void (h.schema = { nFeaturesIn: -1 })),
      'invalid',
      /header\.schema\.nFeaturesIn/,
    );
    await rejects(
      withHeader((h) => void ((h.state as Record<string, unknown>).nFeaturesIn = 'two')),
      'invalid',
      /could not be restored/,
    );
  });

  test('hostile headers: deep nesting and __proto__ keys are clean errors', async () => {
    const nested = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const deep = withHeaderText((text) => text.replace('"state":{', `"state":{"extra":${nested},`));
    await rejects(deep, 'invalid', /./);
    const proto = withHeader((h) => {
      h.params = JSON.parse('{"__proto__": {"polluted": true}}');
    });
    await rejects(proto, 'invalid', /__proto__/);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is untouched');
  });

  test('an unfitted model and the JSON form load', async () => {
    const unfitted = await deserialize(serialize(new DummyClassifier({ strategy: 'uniform' })));
    assert.equal((unfitted as DummyClassifier).params.strategy, 'uniform');
    assert.equal((unfitted as DummyClassifier).isFitted, false);
    const fromJson = (await deserialize(new TextEncoder().encode(JSON.stringify(model)))) as LogisticRegression;
    assert.deepEqual(fromJson.predictProba(X), model.predictProba(X));
  });
});

describe('random damage', () => {
  test('flipping random bytes always gives a clean ModelFormatError, never a crash or another model', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        async (flips) => {
          const damaged = bytes.slice();
          for (const [at, mask] of flips) damaged[at] ^= mask;
          if (damaged.every((b, i) => b === bytes[i])) return; // flips that cancel out
          await assert.rejects(deserialize(damaged), (e: unknown) => e instanceof ModelFormatError);
        },
      ),
      { numRuns: 300, seed: 8 },
    );
  });

  test('truncating at any length gives a clean ModelFormatError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: bytes.length - 1 }), async (n) => {
        await assert.rejects(deserialize(bytes.subarray(0, n)), (e: unknown) => e instanceof ModelFormatError);
      }),
      { numRuns: 200, seed: 9 },
    );
  });
});
