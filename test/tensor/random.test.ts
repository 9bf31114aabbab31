import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkRandomState,
  DTypeError,
  defaultRng,
  RandomGenerator,
  randomIntegers,
  randomNormal,
  randomUniform,
  ShapeError,
  seedState,
  splitMix64,
  Xoshiro128StarStar,
} from '../../src/tensor/index.js';

/** Straightforward xoshiro128** on BigInt words, written from the paper's definition, as an independent check. */
function referenceXoshiro(state: bigint[], count: number): number[] {
  const M = 0xffffffffn;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & M;
  const s = [...state];
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number((rotl((s[1] * 5n) & M, 7n) * 9n) & M));
    const t = (s[1] << 9n) & M;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
  }
  return out;
}

function draws(rng: Xoshiro128StarStar, n: number): number[] {
  return Array.from({ length: n }, () => rng.nextUint32());
}

function meanVar(xs: ArrayLike<number>): [number, number] {
  let m = 0;
  for (let i = 0; i < xs.length; i++) m += xs[i];
  m /= xs.length;
  let v = 0;
  for (let i = 0; i < xs.length; i++) v += (xs[i] - m) ** 2;
  return [m, v / xs.length];
}

// Chi-square critical values at p = 0.001 (so a correct generator fails about once in 1000 runs per test).
const CHI2_999: Record<number, number> = { 1: 10.83, 2: 13.82, 4: 18.47, 6: 22.46, 9: 27.88 };

function chiSquare(counts: ArrayLike<number>, expected: ArrayLike<number>): number {
  let x = 0;
  for (let i = 0; i < counts.length; i++) x += (counts[i] - expected[i]) ** 2 / expected[i];
  return x;
}

describe('xoshiro128** bit generator', () => {
  test('known answers from state [1, 2, 3, 4] match the reference implementation', () => {
    const rng = new Xoshiro128StarStar(0);
    rng.setState({ bitGenerator: 'xoshiro128**', s: [1, 2, 3, 4] });
    // Published reference outputs (also produced by the C reference code).
    const expected = [
      11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804,
    ];
    assert.deepEqual(draws(rng, 10), expected);
    assert.deepEqual(referenceXoshiro([1n, 2n, 3n, 4n], 10), expected);
  });

  test('agrees with the BigInt reference on a seeded state for 1000 outputs', () => {
    const rng = new Xoshiro128StarStar(123456789);
    const s = rng.state().s.map((w) => BigInt(w));
    assert.deepEqual(draws(rng, 1000), referenceXoshiro(s, 1000));
  });

  test('SplitMix64 known answers (seed 1234567)', () => {
    assert.deepEqual(splitMix64(1234567n, 5), [
      6457827717110365317n,
      3203168211198807973n,
      9817491932198370423n,
      4593380528125082431n,
      16408922859458223821n,
    ]);
  });

  test('seeding maps the first two SplitMix64 outputs to (lo, hi, lo, hi) words', () => {
    const [z1, z2] = splitMix64(42n, 2);
    const w = seedState(42);
    assert.deepEqual(Array.from(w), [
      Number(z1 & 0xffffffffn),
      Number(z1 >> 32n),
      Number(z2 & 0xffffffffn),
      Number(z2 >> 32n),
    ]);
    // Regression guard: the stream of seed 42 must never change.
    assert.deepEqual(draws(new Xoshiro128StarStar(42), 4), referenceXoshiro(Array.from(w, BigInt), 4));
  });

  test('same seed gives the same stream; nearby seeds give different ones', () => {
    assert.deepEqual(draws(new Xoshiro128StarStar(7), 50), draws(new Xoshiro128StarStar(7), 50));
    const a = draws(new Xoshiro128StarStar(0), 50);
    const b = draws(new Xoshiro128StarStar(1), 50);
    let equal = 0;
    for (let i = 0; i < 50; i++) if (a[i] === b[i]) equal++;
    assert.equal(equal, 0);
  });

  test('unseeded generators differ from each other', () => {
    assert.notDeepEqual(draws(new Xoshiro128StarStar(), 4), draws(new Xoshiro128StarStar(), 4));
  });

  test('bad seeds throw a RangeError naming the value', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) {
      assert.throws(
        () => new RandomGenerator(bad),
        (e: Error) => e instanceof RangeError && e.message.includes(String(bad)),
      );
    }
    assert.throws(() => new RandomGenerator('3' as unknown as number), RangeError);
  });

  test('setState rejects malformed and all-zero states', () => {
    const rng = new RandomGenerator(0);
    assert.throws(() => rng.setState({ bitGenerator: 'xoshiro128**', s: [0, 0, 0, 0] }), /all-zero/);
    assert.throws(() => rng.setState({ bitGenerator: 'xoshiro128**', s: [1, 2, 3] as never }), RangeError);
    assert.throws(() => rng.setState({ bitGenerator: 'xoshiro128**', s: [1, 2, 3, 2 ** 32] }), /s\[3\]/);
    assert.throws(() => rng.setState({ bitGenerator: 'pcg64' as never, s: [1, 2, 3, 4] }), /pcg64/);
  });
});

describe('RandomGenerator', () => {
  test('state()/setState() resume the stream, spare normal included, and survive JSON', () => {
    const rng = defaultRng(5);
    rng.normal(); // leaves a spare
    const saved = JSON.parse(JSON.stringify(rng.state()));
    assert.equal(typeof saved.spareNormal, 'number');
    const first = [rng.normal(), rng.random(), rng.integers(0, 100), rng.normal()];
    const other = new RandomGenerator(999);
    other.setState(saved);
    assert.deepEqual([other.normal(), other.random(), other.integers(0, 100), other.normal()], first);
  });

  test('random() is in [0, 1) with the right moments', () => {
    const rng = new RandomGenerator(1);
    const xs = new Float64Array(100_000);
    for (let i = 0; i < xs.length; i++) {
      const x = rng.random();
      assert.ok(x >= 0 && x < 1);
      xs[i] = x;
    }
    const [m, v] = meanVar(xs);
    // Standard errors: sqrt(1/12/n) ≈ 0.0009 for the mean; tolerances are ~5 sigma.
    assert.ok(Math.abs(m - 0.5) < 0.005, `mean ${m}`);
    assert.ok(Math.abs(v - 1 / 12) < 0.002, `var ${v}`);
  });

  test('random() uses 53 bits (low bits vary)', () => {
    const rng = new RandomGenerator(2);
    let oddUlps = 0;
    for (let i = 0; i < 1000; i++) if ((rng.random() * 2 ** 53) % 2 === 1) oddUlps++;
    assert.ok(oddUlps > 400 && oddUlps < 600, `${oddUlps}`);
  });

  test('uniform and fillUniform: bounds, moments, and fillUniform equals successive uniform()', () => {
    const rng = new RandomGenerator(3);
    const xs = rng.fillUniform(new Float64Array(100_000), -2, 6);
    const [m, v] = meanVar(xs);
    for (const x of xs) assert.ok(x >= -2 && x < 6);
    assert.ok(Math.abs(m - 2) < 0.04, `mean ${m}`);
    assert.ok(Math.abs(v - 64 / 12) < 0.1, `var ${v}`);
    const a = new RandomGenerator(11).fillUniform(new Float64Array(20), 1, 3);
    const g = new RandomGenerator(11);
    assert.deepEqual(
      Array.from(a),
      Array.from({ length: 20 }, () => g.uniform(1, 3)),
    );
    const f32 = new RandomGenerator(4).fillUniform(new Float32Array(10_000));
    for (const x of f32) assert.ok(x >= 0 && x < 1);
    assert.throws(() => rng.uniform(0, Number.POSITIVE_INFINITY), /high/);
  });

  test('normal and fillNormal: moments, tails, and fillNormal equals successive normal()', () => {
    const rng = new RandomGenerator(4);
    const xs = rng.fillNormal(new Float64Array(100_000), 3, 2);
    const [m, v] = meanVar(xs);
    assert.ok(Math.abs(m - 3) < 0.03, `mean ${m}`); // se 0.0063
    assert.ok(Math.abs(v - 4) < 0.1, `var ${v}`); // se ≈ 0.018
    let skew = 0;
    let within1 = 0;
    for (const x of xs) {
      skew += ((x - m) / Math.sqrt(v)) ** 3;
      if (Math.abs(x - 3) < 2) within1++;
    }
    assert.ok(Math.abs(skew / xs.length) < 0.05);
    assert.ok(Math.abs(within1 / xs.length - 0.6827) < 0.01);
    // Odd lengths exercise the spare: three calls of fillNormal(3) == nine normal() calls.
    const g1 = new RandomGenerator(8);
    const filled = [
      ...g1.fillNormal(new Float64Array(3)),
      ...g1.fillNormal(new Float64Array(3)),
      ...g1.fillNormal([0, 0, 0]),
    ];
    const g2 = new RandomGenerator(8);
    assert.deepEqual(
      filled,
      Array.from({ length: 9 }, () => g2.normal()),
    );
    assert.throws(() => rng.normal(0, -1), /std/);
    assert.equal(rng.normal(5, 0), 5);
  });

  test('integers: bounds, one-argument form, and errors', () => {
    const rng = new RandomGenerator(5);
    for (let i = 0; i < 1000; i++) {
      const x = rng.integers(-3, 4);
      assert.ok(Number.isInteger(x) && x >= -3 && x < 4);
      const y = rng.integers(10);
      assert.ok(y >= 0 && y < 10);
    }
    assert.equal(rng.integers(7, 8), 7);
    assert.throws(() => rng.integers(5, 5), /low < high/);
    assert.throws(() => rng.integers(0, 1.5), RangeError);
    assert.throws(() => rng.integers(-(2 ** 53) + 1, 2 ** 53 - 1), /2\^53/);
  });

  test('integers is unbiased over a small range (chi-square)', () => {
    const rng = new RandomGenerator(6);
    const n = 70_000;
    const counts = new Float64Array(7);
    for (let i = 0; i < n; i++) counts[rng.integers(0, 7)]++;
    const chi = chiSquare(counts, new Float64Array(7).fill(n / 7));
    assert.ok(chi < CHI2_999[6], `chi2 ${chi}`);
  });

  test('integers over a range just above a power of two is unbiased (no modulo bias)', () => {
    // Range 3 * 2^30: modulo reduction of a uint32 would make the lower third twice as likely.
    const rng = new RandomGenerator(7);
    const range = 3 * 2 ** 30;
    const counts = new Float64Array(3);
    const n = 30_000;
    for (let i = 0; i < n; i++) counts[Math.floor(rng.integers(0, range) / 2 ** 30)]++;
    assert.ok(chiSquare(counts, [n / 3, n / 3, n / 3]) < CHI2_999[2]);
  });

  test('integers over ranges above 2^32, up to 2^53', () => {
    const rng = new RandomGenerator(8);
    const big = 2 ** 53;
    let maxSeen = 0;
    const halves = [0, 0];
    for (let i = 0; i < 20_000; i++) {
      const x = rng.integers(0, big);
      assert.ok(Number.isSafeInteger(x) && x >= 0 && x < big);
      maxSeen = Math.max(maxSeen, x);
      halves[x < big / 2 ? 0 : 1]++;
    }
    assert.ok(maxSeen > big * 0.99);
    assert.ok(chiSquare(halves, [10_000, 10_000]) < CHI2_999[1]);
    const low = -(2 ** 40);
    const high = 5 * 2 ** 33 + 17;
    const buckets = new Float64Array(4);
    for (let i = 0; i < 20_000; i++) {
      const x = rng.integers(low, high);
      assert.ok(x >= low && x < high);
      buckets[Math.floor(((x - low) / (high - low)) * 4)]++;
    }
    assert.ok(chiSquare(buckets, [5000, 5000, 5000, 5000]) < 16.27);
  });

  test('permutation is a permutation and uniform over first positions', () => {
    const rng = new RandomGenerator(9);
    const p = rng.permutation(1000);
    assert.ok(p instanceof Int32Array);
    assert.deepEqual(
      Array.from(p).sort((a, b) => a - b),
      Array.from({ length: 1000 }, (_, i) => i),
    );
    assert.equal(rng.permutation(0).length, 0);
    const counts = new Float64Array(5);
    for (let i = 0; i < 10_000; i++) counts[rng.permutation(5)[0]]++;
    assert.ok(chiSquare(counts, new Float64Array(5).fill(2000)) < CHI2_999[4]);
    assert.throws(() => rng.permutation(-1), /n must be/);
  });

  test('shuffle preserves the multiset for JS arrays and typed arrays', () => {
    const rng = new RandomGenerator(10);
    const arr = ['a', 'b', 'b', 'c', 'd', 'e', 'e', 'e'];
    const out = rng.shuffle([...arr]);
    assert.deepEqual([...out].sort(), [...arr].sort());
    const f = new Float32Array([1.5, 2, 2, 3, -1, 0]);
    const copy = Array.from(f).sort((a, b) => a - b);
    assert.equal(rng.shuffle(f), f);
    assert.deepEqual(
      Array.from(f).sort((a, b) => a - b),
      copy,
    );
    // All 6 orders of 3 elements appear about equally often.
    const seen = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const key = rng.shuffle([0, 1, 2]).join('');
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    assert.equal(seen.size, 6);
    assert.ok(chiSquare([...seen.values()], new Float64Array(6).fill(1000)) < 20.52);
  });

  test('choice without replacement: no duplicates, sparse and dense paths agree', () => {
    const rng = new RandomGenerator(11);
    const s = rng.choice(20, { size: 20, replace: false });
    assert.equal(new Set(s).size, 20);
    const big = rng.choice(1_000_000_000, { size: 50, replace: false });
    assert.equal(new Set(big).size, 50);
    for (const x of big) assert.ok(x >= 0 && x < 1e9);
    // size*4 >= n picks the dense pool, smaller size the Map: same underlying shuffle, so prefixes agree.
    const dense = new RandomGenerator(12).choice(100, { size: 30, replace: false });
    const sparse = new RandomGenerator(12).choice(100, { size: 20, replace: false });
    assert.deepEqual(Array.from(sparse), Array.from(dense.subarray(0, 20)));
    assert.throws(() => rng.choice(3, { size: 4, replace: false }), /without replacement/);
    assert.throws(() => rng.choice(0, { size: 1 }), /empty/);
    assert.equal(rng.choice(0, { size: 0 }).length, 0);
  });

  test('weighted choice with replacement follows p; zero weights are never drawn', () => {
    const rng = new RandomGenerator(13);
    const p = [0.5, 0, 0.3, 0.2];
    const n = 50_000;
    const draws = rng.choice(4, { size: n, p });
    const counts = new Float64Array(4);
    for (const d of draws) counts[d]++;
    assert.equal(counts[1], 0);
    const chi = chiSquare([counts[0], counts[2], counts[3]], [0.5 * n, 0.3 * n, 0.2 * n]);
    assert.ok(chi < CHI2_999[2], `chi2 ${chi}`);
    // Unnormalised weights mean the same distribution.
    const w = rng.choice(2, { size: 20_000, p: [3, 1] });
    let zeros = 0;
    for (const d of w) if (d === 0) zeros++;
    assert.ok(Math.abs(zeros / 20_000 - 0.75) < 0.015);
  });

  test('weighted choice without replacement: no duplicates, weights respected', () => {
    const rng = new RandomGenerator(14);
    const p = [0.5, 0.3, 0.2];
    const n = 30_000;
    const first = new Float64Array(3);
    let twoIncluded = 0;
    for (let t = 0; t < n; t++) {
      const s = rng.choice(3, { size: 2, replace: false, p });
      assert.notEqual(s[0], s[1]);
      first[s[0]]++;
      if (s[0] === 2 || s[1] === 2) twoIncluded++;
    }
    assert.ok(chiSquare(first, [0.5 * n, 0.3 * n, 0.2 * n]) < CHI2_999[2]);
    // Sequential sampling: P(2 in sample) = 0.2 + 0.5 * 0.2/0.5 + 0.3 * 0.2/0.7.
    const expected = 0.2 + 0.2 + (0.3 * 0.2) / 0.7;
    assert.ok(Math.abs(twoIncluded / n - expected) < 0.012, `${twoIncluded / n} vs ${expected}`);
    const all = rng.choice(5, { size: 3, replace: false, p: [1, 0, 1, 1, 0] });
    assert.deepEqual(Array.from(all).sort(), [0, 2, 3]);
    assert.throws(() => rng.choice(5, { size: 4, replace: false, p: [1, 0, 1, 1, 0] }), /only 3/);
  });

  test('weighted choice without replacement follows the documented Efraimidis–Spirakis keys', () => {
    const p = [0.5, 2, 0, 1, 3, 0.25, 1.5, 0, 4, 1];
    const got = new RandomGenerator(17).choice(p.length, { size: 6, replace: false, p });
    const g = new RandomGenerator(17);
    const keyed: [number, number][] = [];
    for (let i = 0; i < p.length; i++) if (p[i] > 0) keyed.push([Math.log(1 - g.random()) / p[i], i]);
    keyed.sort((a, b) => b[0] - a[0]);
    assert.deepEqual(
      Array.from(got),
      keyed.slice(0, 6).map(([, i]) => i),
    );
  });

  test('choice rejects bad p, naming the index', () => {
    const rng = new RandomGenerator(15);
    assert.throws(() => rng.choice(3, { p: [0.5, -0.1, 0.6] }), /p\[1\]/);
    assert.throws(() => rng.choice(3, { p: [0.5, 0.5, Number.NaN] }), /p\[2\]/);
    assert.throws(() => rng.choice(2, { p: [Number.POSITIVE_INFINITY, 1] }), /p\[0\]/);
    assert.throws(() => rng.choice(2, { p: [0, 0] }), /sum/);
    assert.throws(
      () => rng.choice(3, { p: [1, 1] }),
      (e: Error) => e instanceof ShapeError && /length 2/.test(e.message),
    );
  });

  test('fillIntegers equals successive integers() and checks int32 range', () => {
    const a = new RandomGenerator(16).fillIntegers(new Int32Array(50), -5, 5);
    const g = new RandomGenerator(16);
    assert.deepEqual(
      Array.from(a),
      Array.from({ length: 50 }, () => g.integers(-5, 5)),
    );
    assert.throws(() => g.fillIntegers(new Int32Array(2), 0, 2 ** 32), /int32/);
  });
});

describe('checkRandomState and tensor helpers', () => {
  test('checkRandomState: seed, generator, undefined, and junk', () => {
    assert.equal(checkRandomState(3).random(), checkRandomState(3).random());
    const g = new RandomGenerator(1);
    assert.equal(checkRandomState(g), g);
    assert.ok(checkRandomState() instanceof RandomGenerator);
    assert.throws(() => checkRandomState('1' as unknown as number), TypeError);
    assert.throws(() => checkRandomState(-2), RangeError);
  });

  test('randomUniform: shape, dtype, bounds, reproducibility', () => {
    const t = randomUniform([3, 4], { low: 2, high: 3, randomState: 0 });
    assert.deepEqual(t.shape, [3, 4]);
    assert.equal(t.dtype, 'float64');
    for (const x of t.data) assert.ok(x >= 2 && x < 3);
    assert.deepEqual(Array.from(t.data), Array.from(randomUniform([3, 4], { low: 2, high: 3, randomState: 0 }).data));
    assert.equal(randomUniform(5, { dtype: 'float32' }).dtype, 'float32');
    assert.throws(() => randomUniform([2], { dtype: 'int32' as never }), DTypeError);
    assert.throws(() => randomUniform([2, -1]), /dimension 1/);
  });

  test('randomNormal draws from the generator it is given', () => {
    const g = new RandomGenerator(21);
    const t = randomNormal([1000], { mean: 10, std: 0.5, randomState: g });
    const [m] = meanVar(t.data);
    assert.ok(Math.abs(m - 10) < 0.1);
    const g2 = new RandomGenerator(21);
    assert.deepEqual(Array.from(t.data), Array.from(g2.fillNormal(new Float64Array(1000), 10, 0.5)));
    // The generator advanced: a second call gives different numbers.
    assert.notDeepEqual(Array.from(randomNormal([5], { randomState: g }).data), Array.from(t.data.subarray(0, 5)));
  });

  test('randomIntegers gives int32 values in [low, high)', () => {
    const t = randomIntegers(-2, 3, [2, 50], { randomState: 4 });
    assert.equal(t.dtype, 'int32');
    assert.deepEqual(t.shape, [2, 50]);
    const seen = new Set(t.data);
    assert.deepEqual([...seen].sort(), [-1, -2, 0, 1, 2].sort());
    assert.throws(() => randomIntegers(0, 2 ** 31 + 1, [1]), /int32/);
  });
});
