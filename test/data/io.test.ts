import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { tableFromArrays, tableFromIPC } from 'apache-arrow';
import { ValidationError } from '../../src/base/errors.js';
import { Frame, readArrow, readIdx, readJson, writeArrow } from '../../src/data/index.js';

describe('Arrow', () => {
  const frame = Frame.fromColumns({
    x: [1.5, Number.NaN, 3],
    s: ['a', null, 'b'],
    b: [true, null, false],
    d: [new Date(Date.UTC(2024, 0, 1)), null, new Date(Date.UTC(2024, 5, 1, 12))],
  });
  test('round trip through Arrow IPC keeps values, kinds and missing values', () => {
    const back = readArrow(writeArrow(frame));
    assert.deepEqual(back.dtypes, frame.dtypes);
    assert.deepEqual(back.toRecords(), frame.toRecords());
    const stream = readArrow(writeArrow(frame, 'stream'));
    assert.deepEqual(stream.toRecords(), frame.toRecords());
  });
  test('toArrow gives nulls for missing values; fromArrow reads tables built by apache-arrow', () => {
    const table = tableFromIPC(writeArrow(frame));
    assert.equal(table.getChild('x')?.nullCount, 1);
    assert.equal(table.getChild('s')?.get(2), 'b');
    const t = tableFromArrays({ i: Int32Array.of(1, 2), f: Float32Array.of(0.5, 1.5), s: ['p', 'q'] });
    const f = Frame.fromArrow(t);
    assert.deepEqual(f.dtypes, { i: 'int', f: 'float', s: 'category' });
    assert.deepEqual(f.toRecords(), [
      { i: 1, f: 0.5, s: 'p' },
      { i: 2, f: 1.5, s: 'q' },
    ]);
    assert.deepEqual(Frame.from(t).shape, [2, 3]);
    assert.deepEqual(Frame.fromArrow(frame.toArrow()).toRecords(), frame.toRecords());
  });
});

describe('readJson', () => {
  test('records and columns orientations', () => {
    const r = readJson('[{"a": 1, "b": "x"}, {"a": null, "b": "y", "c": true}]');
    assert.deepEqual(r.toRecords(), [
      { a: 1, b: 'x', c: null },
      { a: null, b: 'y', c: true },
    ]);
    const c = readJson('{"a": [1, 2], "b": {"0": "x", "1": "y"}}');
    assert.deepEqual(c.toRecords(), [
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    assert.equal(readJson('{"a":1}\n{"a":2}\n', { lines: true }).nRows, 2);
    assert.equal(readJson([{ a: 1 }]).nRows, 1);
  });
  test('invalid JSON and wrong shapes are ValidationErrors', () => {
    assert.throws(() => readJson('[{"a": 1'), ValidationError);
    assert.throws(() => readJson('{"a": 1}'), /not an array/);
    assert.throws(() => readJson('{"a": [1]}', { orient: 'records' }), ValidationError);
  });
});

function idx(
  type: number,
  dims: number[],
  values: number[],
  width: number,
  write: (v: DataView, o: number, x: number) => void,
) {
  const bytes = new Uint8Array(4 + 4 * dims.length + values.length * width);
  const view = new DataView(bytes.buffer);
  bytes[2] = type;
  bytes[3] = dims.length;
  dims.forEach((d, i) => {
    view.setUint32(4 + 4 * i, d, false);
  });
  values.forEach((x, i) => {
    write(view, 4 + 4 * dims.length + i * width, x);
  });
  return bytes;
}

describe('readIdx', () => {
  test('uint8 images, plain and gzipped (MNIST layout)', () => {
    const pixels = Array.from({ length: 2 * 3 * 3 }, (_, i) => (i * 17) % 256);
    const bytes = idx(0x08, [2, 3, 3], pixels, 1, (v, o, x) => v.setUint8(o, x));
    const t = readIdx(bytes);
    assert.deepEqual(t.shape, [2, 3, 3]);
    assert.equal(t.dtype, 'int32');
    assert.deepEqual(Array.from(t.data), pixels);
    assert.deepEqual(Array.from(readIdx(new Uint8Array(gzipSync(bytes))).data), pixels);
  });
  test('big-endian int16, int32, float32 and float64', () => {
    assert.deepEqual(
      Array.from(readIdx(idx(0x0b, [2], [-5, 300], 2, (v, o, x) => v.setInt16(o, x, false))).data),
      [-5, 300],
    );
    assert.deepEqual(
      Array.from(readIdx(idx(0x0c, [1], [-70000], 4, (v, o, x) => v.setInt32(o, x, false))).data),
      [-70000],
    );
    const f32 = readIdx(idx(0x0d, [2], [0.5, -2], 4, (v, o, x) => v.setFloat32(o, x, false)));
    assert.equal(f32.dtype, 'float32');
    assert.deepEqual(Array.from(f32.data), [0.5, -2]);
    assert.deepEqual(Array.from(readIdx(idx(0x0e, [1], [Math.PI], 8, (v, o, x) => v.setFloat64(o, x, false))).data), [
      Math.PI,
    ]);
  });
  test('a bad magic number or a size mismatch is a ValidationError', () => {
    assert.throws(() => readIdx(Uint8Array.of(1, 0, 8, 1, 0, 0, 0, 1, 5)), /magic/);
    assert.throws(() => readIdx(Uint8Array.of(0, 0, 0x42, 1, 0, 0, 0, 1, 5)), /type byte/);
    assert.throws(() => readIdx(Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 3, 5)), /needs 3 bytes/);
  });
});
