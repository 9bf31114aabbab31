import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ValidationError } from '../../src/base/errors.js';
import { readParquet } from '../../src/data/read-parquet.js';

const dir = fileURLToPath(new URL('../../../test/fixtures/parquet/', import.meta.url));
const file = (name: string) => `${dir}${name}`;

describe('readParquet', () => {
  test('alltypes_plain: every primitive type maps onto a Frame column', async () => {
    const df = await readParquet(file('alltypes_plain.parquet'));
    assert.deepEqual(df.shape, [8, 11]);
    assert.deepEqual(df.dtypes, {
      id: 'int',
      bool_col: 'boolean',
      tinyint_col: 'int',
      smallint_col: 'int',
      int_col: 'int',
      bigint_col: 'int',
      float_col: 'float',
      double_col: 'float',
      date_string_col: 'category',
      string_col: 'category',
      timestamp_col: 'datetime',
    });
    assert.deepEqual(Array.from(df.column('id').toArray() as Float64Array), [4, 5, 6, 7, 2, 3, 0, 1]);
    assert.deepEqual(df.column('bool_col').toArray(), Uint8Array.from([1, 0, 1, 0, 1, 0, 1, 0]));
    assert.deepEqual(Array.from(df.column('bigint_col').toArray() as Float64Array), [0, 10, 0, 10, 0, 10, 0, 10]);
    // float_col is float32 on disk: 1.1 comes back as the float32 nearest to it.
    assert.equal((df.column('float_col').toArray() as Float64Array)[1], Math.fround(1.1));
    assert.equal((df.column('double_col').toArray() as Float64Array)[1], 10.1);
    const first = df.toRecords()[0];
    assert.equal(first.date_string_col, '03/01/09');
    assert.equal(first.string_col, '0');
    assert.deepEqual(first.timestamp_col, new Date('2009-03-01T00:00:00Z'));
  });

  test('snappy and gzip pages decode', async () => {
    const snappy = await readParquet(file('alltypes_plain.snappy.parquet'));
    assert.deepEqual(Array.from(snappy.column('id').toArray() as Float64Array), [6, 7]);
    const gz = await readParquet(file('concatenated_gzip_members.parquet'));
    const v = gz.column('long_col').toArray() as Float64Array;
    assert.equal(v.length, 513);
    assert.ok(v.every((x, i) => x === i + 1));
  });

  test('nulls become missing values', async () => {
    const df = await readParquet(file('int32_with_null_pages.parquet'));
    const col = df.column('int32_field');
    assert.equal(df.nRows, 1000);
    const missing = col.missingCount();
    assert.ok(missing > 0 && missing < 1000, `missing ${missing}`);
    const v = col.toArray() as Float64Array;
    for (const x of v) assert.ok(Number.isNaN(x) || (Number.isInteger(x) && Math.abs(x) <= 2 ** 31));
    const v2 = await readParquet(file('datapage_v2.snappy.parquet'), { columns: ['a', 'b', 'd'] });
    assert.deepEqual(v2.toRecords()[3], { a: null, b: 4, d: false });
  });

  test('columns and row ranges select what is read, in the given order', async () => {
    const df = await readParquet(file('alltypes_plain.parquet'), {
      columns: ['string_col', 'id'],
      rowStart: 2,
      rowEnd: 5,
    });
    assert.deepEqual(df.columnNames, ['string_col', 'id']);
    assert.deepEqual(Array.from(df.column('id').toArray() as Float64Array), [6, 7, 2]);
    const bytes = new Uint8Array(readFileSync(file('alltypes_plain.parquet')));
    assert.equal((await readParquet(bytes)).nRows, 8);
  });

  test('errors name the file, the column or the codec', async () => {
    await assert.rejects(readParquet(file('alltypes_plain.parquet'), { columns: ['nope'] }), (e: Error) => {
      assert.ok(e instanceof ValidationError);
      assert.match(e.message, /no column 'nope'/);
      return true;
    });
    await assert.rejects(readParquet(file('nullable.impala.parquet')), /column 'int_array' is nested/);
    await assert.rejects(readParquet(file('datapage_v2.snappy.parquet')), /column 'e' is nested/);
    await assert.rejects(readParquet(file('byte_stream_split.zstd.parquet')), /codec ZSTD is not supported/);
    await assert.rejects(readParquet(new TextEncoder().encode('a,b\n1,2\n')), /not a Parquet file/);
    const bytes = new Uint8Array(readFileSync(file('alltypes_plain.parquet')));
    const truncated = bytes.slice(0, bytes.length - 100);
    await assert.rejects(readParquet(truncated), ValidationError);
    const corrupt = bytes.slice();
    corrupt.fill(0xff, bytes.length - 300, bytes.length - 8);
    await assert.rejects(readParquet(corrupt), ValidationError);
  });
});
