import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { numberWasInteger, parseNumber } from '../../src/data/csv/scan.js';

const enc = new TextEncoder();
const parse = (text: string): number => {
  const b = enc.encode(text);
  return parseNumber(b, 0, b.length);
};

describe('parseNumber (the CSV number reader)', () => {
  test('gives the correctly rounded double, as Number() does, for any decimal spelling', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: 0, max: 17 }), (x, k) => {
        for (const text of [String(x), x.toFixed(Math.min(k, 100)), x.toExponential(Math.min(k, 20))]) {
          if (/e\+?\d{3}/.test(text) && Math.abs(x) > 1e300) continue;
          assert.ok(Object.is(parse(text), Number(text)), text);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('integers of any length, leading zeros, signs, and the integer flag', () => {
    for (const text of ['0', '-0', '007', '123456789012345', '1234567890123456', '98765432109876543', '-42', '+42']) {
      assert.ok(Object.is(parse(text), Number(text)), text);
      assert.equal(numberWasInteger, true, text);
    }
    for (const text of ['1.', '-.5', '0.1', '1234567890.123456', '3.14159265358979323846', '1e3']) {
      assert.ok(Object.is(parse(text), Number(text)), text);
      assert.equal(numberWasInteger, false, text);
    }
  });

  test('not a number: NaN', () => {
    for (const text of ['', '-', '.', '1.2.3', '12a', 'abc', '--1', '1e', '0x10'])
      assert.ok(Number.isNaN(parse(text)), text);
    assert.equal(parse(' 12 '), 12);
    assert.equal(parse('-inf'), Number.NEGATIVE_INFINITY);
  });
});
