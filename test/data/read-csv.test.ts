import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from '../../src/base/errors.js';
import { type CategoricalColumn, type NumericColumn, readCsv } from '../../src/data/index.js';

const nums = (df: ReturnType<typeof readCsv>, c: string) => Array.from((df.column(c) as NumericColumn).data);
const throwsOnLine = (fn: () => unknown, line: number, pattern?: RegExp) =>
  assert.throws(fn, (e: Error) => {
    assert.ok(e instanceof ValidationError, `expected a ValidationError, got ${e}`);
    assert.match(e.message, new RegExp(`line ${line}\\b`));
    if (pattern) assert.match(e.message, pattern);
    return true;
  });

describe('readCsv: RFC 4180', () => {
  test('quoted delimiters, quoted line breaks and doubled quotes', () => {
    const df = readCsv('a,b\n"x, y","line1\nline2"\n"say ""hi""",plain\n');
    assert.deepEqual(df.toRecords(), [
      { a: 'x, y', b: 'line1\nline2' },
      { a: 'say "hi"', b: 'plain' },
    ]);
  });
  test('CRLF line ends, CRLF inside quotes kept, and a UTF-8 BOM', () => {
    const df = readCsv('\uFEFFa,b\r\n1,"p\r\nq"\r\n2,r\r\n');
    assert.deepEqual(df.columnNames, ['a', 'b']);
    assert.deepEqual(df.toRecords(), [
      { a: 1, b: 'p\r\nq' },
      { a: 2, b: 'r' },
    ]);
  });
  test('no trailing newline, blank lines skipped, custom delimiter', () => {
    const df = readCsv('a;b\n1;2\n\n3;4', { delimiter: ';' });
    assert.deepEqual(df.toRecords(), [
      { a: 1, b: 2 },
      { a: 3, b: 4 },
    ]);
  });
  test('an empty quoted field is missing, a quoted number is a number, UTF-8 text survives', () => {
    const df = readCsv('a,b\n"",é\n"3",ü€\n');
    assert.deepEqual(df.toRecords(), [
      { a: null, b: 'é' },
      { a: 3, b: 'ü€' },
    ]);
  });
  test('bytes (Uint8Array) are read like text', () => {
    const df = readCsv(new TextEncoder().encode('x\n1\n2\n'));
    assert.deepEqual(nums(df, 'x'), [1, 2]);
  });
});

describe('readCsv: type inference and missing values', () => {
  test('int, float, boolean, date, string', () => {
    const df = readCsv('i,f,b,d,s\n1,1.5,true,2024-01-31,x\n-2,2,FALSE,2024-02-01T12:30:00Z,y\n');
    assert.deepEqual(df.dtypes, { i: 'int', f: 'float', b: 'boolean', d: 'datetime', s: 'category' });
    assert.deepEqual(nums(df, 'f'), [1.5, 2]);
    assert.deepEqual(df.column('b').toArray(), Uint8Array.of(1, 0));
    assert.deepEqual(Array.from(df.column('d').toArray() as Float64Array), [
      Date.UTC(2024, 0, 31),
      Date.UTC(2024, 1, 1, 12, 30),
    ]);
    assert.deepEqual((df.column('s') as CategoricalColumn).categories, ['x', 'y']);
  });
  test('date with a zone offset is converted to UTC; an impossible date is a string', () => {
    const df = readCsv('d,e\n2024-01-01T02:00+02:00,2023-02-29\n');
    assert.equal((df.column('d').toArray() as Float64Array)[0], Date.UTC(2024, 0, 1));
    assert.equal(df.column('e').kind, 'category');
  });
  test('default missing tokens: empty, NA, NaN, null, ?', () => {
    const df = readCsv('a,b\n1,x\nNA,NA\nNaN,?\nnull,\n5,y\n');
    const a = nums(df, 'a');
    assert.equal(a[0], 1);
    assert.ok(a.slice(1, 4).every(Number.isNaN));
    assert.equal(a[4], 5);
    assert.deepEqual(df.column('b').toArray(), ['x', null, null, null, 'y']);
  });
  test('naValues replaces the default tokens', () => {
    const df = readCsv('a,b\n-1,NA\n2,x\n', { naValues: ['-1'] });
    assert.ok(Number.isNaN(nums(df, 'a')[0]));
    assert.deepEqual(df.column('b').toArray(), ['NA', 'x']);
  });
  test('a word in a numeric column makes it a string column with the original spelling', () => {
    const df = readCsv('a\n1.50\n007\nabc\n');
    assert.deepEqual(df.column('a').toArray(), ['1.50', '007', 'abc']);
  });
  test('an all-missing column is float NaN', () => {
    const df = readCsv('a,b\n1,\n2,\n');
    assert.equal(df.dtypes.b, 'float');
    assert.ok(nums(df, 'b').every(Number.isNaN));
  });
  test('numbers are the correctly rounded doubles (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 20 }),
        (xs) => {
          const df = readCsv(`x\n${xs.map((x) => String(x)).join('\n')}\n`);
          // String(-0) is '0', so -0 reads back as 0.
          assert.deepEqual(
            nums(df, 'x'),
            xs.map((x) => (Object.is(x, -0) ? 0 : x)),
          );
        },
      ),
    );
  });
  test('hand-picked number spellings', () => {
    const df = readCsv('x\n1e3\n-2.5E-3\n.5\n+7\n 12 \n123456789012345678901\n0.1\ninf\n-Infinity\n');
    assert.deepEqual(nums(df, 'x'), [
      1000,
      -0.0025,
      0.5,
      7,
      12,
      Number('123456789012345678901'),
      0.1,
      Infinity,
      -Infinity,
    ]);
  });
});

describe('readCsv: options', () => {
  const text = '# comment\na,b,c\n1,x,2.5\n2,y,3.5\n3,z,4.5\n';
  test('skipRows, nrows and usecols (names or indices, file order kept)', () => {
    const df = readCsv(text, { skipRows: 1, nrows: 2, usecols: ['c', 0] });
    assert.deepEqual(df.columnNames, ['a', 'c']);
    assert.deepEqual(df.toRecords(), [
      { a: 1, c: 2.5 },
      { a: 2, c: 3.5 },
    ]);
  });
  test('header: false names columns 0..k-1; names replaces the header', () => {
    assert.deepEqual(readCsv('1,2\n3,4\n', { header: false }).columnNames, ['0', '1']);
    assert.equal(readCsv('1,2\n3,4\n', { header: false }).nRows, 2);
    const df = readCsv('a,b\n1,2\n', { names: ['p', 'q'] });
    assert.deepEqual(df.toRecords(), [{ p: 1, q: 2 }]);
  });
  test('duplicate and empty header names are made unique like pandas', () => {
    assert.deepEqual(readCsv('a,a,\n1,2,3\n').columnNames, ['a', 'a.1', 'Unnamed: 2']);
  });
  test('dtype overrides inference', () => {
    const df = readCsv('a,b,c\n1,2,3\n', { dtype: { a: 'string', b: 'float', c: 'int' } });
    assert.deepEqual(df.dtypes, { a: 'category', b: 'float', c: 'int' });
  });
  test('a value that does not fit a dtype override names line and column', () => {
    throwsOnLine(() => readCsv('a,b\n1,2\n3,x\n', { dtype: { b: 'float' } }), 3, /'x'.*'b'/);
    throwsOnLine(() => readCsv('a\n1\n2.5\n', { dtype: { a: 'int' } }), 3, /integer/);
  });
});

describe('readCsv: errors', () => {
  test('a ragged row names its line', () => {
    throwsOnLine(() => readCsv('a,b\n1,2\n3\n'), 3, /expected 2 fields.*got 1/);
    throwsOnLine(() => readCsv('a,b\n"multi\nline",2\n3,4,5\n'), 4, /got 3/);
  });
  test('an unterminated quote names the line where it opens', () => {
    throwsOnLine(() => readCsv('a,b\n1,2\n3,"oops\n4,5\n'), 3, /unterminated/);
  });
  test('text after a closing quote', () => {
    throwsOnLine(() => readCsv('a\n"x"y\n'), 2, /after a closing quote/);
  });
  test('an empty file is an error; a header-only file gives an empty frame', () => {
    assert.throws(
      () => readCsv(''),
      (e: Error) => e instanceof ValidationError && /empty/.test(e.message),
    );
    const df = readCsv('a,b\n');
    assert.deepEqual(df.shape, [0, 2]);
    assert.deepEqual(df.columnNames, ['a', 'b']);
  });
  test('unknown usecols / dtype columns are errors', () => {
    assert.throws(() => readCsv('a\n1\n', { usecols: ['z'] }), ValidationError);
    assert.throws(() => readCsv('a\n1\n', { dtype: { z: 'int' } }), ValidationError);
  });
});
