import assert from 'node:assert/strict';
import { describe as suite, test } from 'node:test';
import { ValidationError } from '../../src/base/errors.js';
import { describe, Frame, loadDataset, trainTestSplit } from '../../src/data/index.js';
import { Tensor } from '../../src/tensor/tensor.js';

const close = (a: unknown, b: number, tol = 1e-12) =>
  assert.ok(Math.abs((a as number) - b) <= tol * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

suite('describe', () => {
  test('numbers by the definitions pandas uses (ddof=1 std, linear percentiles)', () => {
    // x = [1, 2, 3, 4] (+1 missing): mean 2.5; std = sqrt(5/3); 25% at position 0.75 → 1.75; 75% at 2.25 → 3.25.
    const f = Frame.fromColumns({ x: [1, 2, 3, 4, Number.NaN], s: ['a', 'b', 'a', null, 'c'] });
    const d = describe(f);
    assert.deepEqual(d.columnNames, [
      'column',
      'count',
      'missing',
      'mean',
      'std',
      'min',
      '25%',
      '50%',
      '75%',
      'max',
      'unique',
      'top',
      'freq',
    ]);
    const x = d.row(0);
    assert.deepEqual(
      { ...x, std: null },
      {
        column: 'x',
        count: 4,
        missing: 1,
        mean: 2.5,
        std: null,
        min: 1,
        '25%': 1.75,
        '50%': 2.5,
        '75%': 3.25,
        max: 4,
        unique: null,
        top: null,
        freq: null,
      },
    );
    close(x.std, Math.sqrt(5 / 3));
    assert.deepEqual(d.row(1), {
      column: 's',
      count: 4,
      missing: 1,
      mean: null,
      std: null,
      min: null,
      '25%': null,
      '50%': null,
      '75%': null,
      max: null,
      unique: 3,
      top: 'a',
      freq: 2,
    });
    assert.match(d.toString(), /column\s+count\s+missing/);
  });
  test('include and percentiles options; one value has NaN std', () => {
    const f = Frame.fromColumns({ x: [7], s: ['a'] });
    const d = describe(f, { include: 'number', percentiles: [0.1] });
    assert.deepEqual(d.columnNames, ['column', 'count', 'missing', 'mean', 'std', 'min', '10%', 'max']);
    assert.ok(Number.isNaN((d.row(0).std as number | null) ?? Number.NaN));
    assert.throws(() => describe(f, { percentiles: [2] }), ValidationError);
  });
  test('bundled titanic matches pandas describe()', () => {
    // Expected values: pandas 1.5.3 (Debian python3-pandas) on datasets/titanic.csv:
    //   df = pd.read_csv('datasets/titanic.csv'); df.describe(); df.describe(include='object')
    // printed with display.precision 17 (age mean 29.88113451243403418, std 14.41349969991171953).
    const d = describe(loadDataset('titanic').frame);
    const byName = Object.fromEntries(d.toRecords().map((r) => [r.column as string, r]));
    const age = byName.age;
    assert.equal(age.count, 1046);
    assert.equal(age.missing, 263);
    close(age.mean, 29.881134512434034);
    close(age.std, 14.413499699911796);
    assert.equal(age.min, 0.166700006);
    assert.deepEqual([age['25%'], age['50%'], age['75%'], age.max], [21, 28, 39, 80]);
    assert.deepEqual([byName.sex.unique, byName.sex.top, byName.sex.freq], [2, 'male', 843]);
    // All 1309 names are distinct: pandas reports the first one seen as top, with freq 1.
    assert.deepEqual(
      [byName.name.count, byName.name.unique, byName.name.top, byName.name.freq],
      [1309, 1309, 'Allen, Miss. Elisabeth Walton', 1],
    );
    assert.deepEqual([byName.survived.top, byName.survived.freq], ['no', 809]);
    assert.deepEqual(
      [byName.passengerClass.unique, byName.passengerClass.top, byName.passengerClass.freq],
      [3, '3rd', 709],
    );
  });
  test('bundled penguins numeric columns', () => {
    const d = describe(loadDataset('penguins').frame, { include: 'number' });
    const bill = d.toRecords().find((r) => r.column === 'bill_length_mm');
    assert.ok(bill);
    assert.equal(bill.count, 342);
    close(bill.mean, 43.9219298245614);
    close(bill.std, 5.4595837139265315);
    close(bill['25%'], 39.225);
    close(bill['50%'], 44.45);
    assert.equal(bill['75%'], 48.5);
  });
});

suite('trainTestSplit', () => {
  const X = new Tensor(
    Float64Array.from({ length: 20 }, (_, i) => i),
    [10, 2],
  );
  const y = [0, 1, 0, 1, 0, 1, 0, 1, 0, 1];
  test('sklearn sizes: test = ceil(testSize * n), train = the rest', () => {
    const [Xtr, Xte, ytr, yte] = trainTestSplit<Tensor | number[]>(X, y, { testSize: 0.25, randomState: 0 });
    assert.deepEqual((Xtr as Tensor).shape, [7, 2]);
    assert.deepEqual((Xte as Tensor).shape, [3, 2]);
    assert.equal((ytr as number[]).length, 7);
    assert.equal((yte as number[]).length, 3);
    const [a, b] = trainTestSplit(Float64Array.from({ length: 10 }), { trainSize: 0.55, randomState: 0 });
    assert.deepEqual([a.length, b.length], [5, 5]);
    const [c, e] = trainTestSplit(y, { testSize: 4, trainSize: 3, randomState: 0 });
    assert.deepEqual([c.length, e.length], [3, 4]);
  });
  test('rows stay aligned across arrays and cover each row once', () => {
    const [Xtr, Xte, ytr, yte] = trainTestSplit<Tensor | number[]>(X, y, { randomState: 3 }) as [
      Tensor,
      Tensor,
      number[],
      number[],
    ];
    const firsts = [
      ...Array.from({ length: 7 }, (_, i) => Xtr.data[2 * i]),
      ...Array.from({ length: 3 }, (_, i) => Xte.data[2 * i]),
    ];
    assert.deepEqual(
      [...firsts].sort((a, b) => a - b),
      [0, 2, 4, 6, 8, 10, 12, 14, 16, 18],
    );
    const ys = [...ytr, ...yte];
    firsts.forEach((v, i) => {
      assert.equal(ys[i], (v / 2) % 2);
    });
  });
  test('reproducible with a seed; shuffle: false keeps order', () => {
    const a = trainTestSplit(
      y.map((_, i) => i),
      { randomState: 5 },
    );
    const b = trainTestSplit(
      y.map((_, i) => i),
      { randomState: 5 },
    );
    assert.deepEqual(a, b);
    assert.deepEqual(trainTestSplit([0, 1, 2, 3, 4], { shuffle: false, testSize: 2 }), [
      [0, 1, 2],
      [3, 4],
    ]);
  });
  test('stratify keeps class proportions (StratifiedShuffleSplit counts)', () => {
    const labels = [...Array(60).fill('a'), ...Array(30).fill('b'), ...Array(10).fill('c')];
    const idx = labels.map((_, i) => i);
    const [tr, te] = trainTestSplit(idx, { testSize: 0.2, stratify: labels, randomState: 1 });
    const count = (rows: number[], c: string) => rows.filter((i) => labels[i] === c).length;
    assert.deepEqual([count(te, 'a'), count(te, 'b'), count(te, 'c')], [12, 6, 2]);
    assert.deepEqual([count(tr, 'a'), count(tr, 'b'), count(tr, 'c')], [48, 24, 8]);
  });
  test('Frames split by rows; stratify by a Frame column', () => {
    const f = loadDataset('titanic').frame;
    const [train, test] = trainTestSplit(f, { testSize: 0.2, stratify: f.column('survived'), randomState: 0 });
    assert.equal(test.nRows, Math.ceil(0.2 * 1309));
    assert.equal(train.nRows + test.nRows, 1309);
    const share = (g: Frame) =>
      (g
        .valueCounts('survived')
        .toRecords()
        .find((r) => r.survived === 'yes')?.count as number) / g.nRows;
    assert.ok(Math.abs(share(train) - 500 / 1309) < 0.005);
    assert.ok(Math.abs(share(test) - 500 / 1309) < 0.005);
  });
  test('errors: inconsistent lengths, bad sizes, a class with one member, stratify without shuffle', () => {
    assert.throws(() => trainTestSplit([1, 2, 3], [1, 2]), /inconsistent numbers of samples: \[3, 2\]/);
    assert.throws(() => trainTestSplit([1, 2, 3], { testSize: 1.5 }), ValidationError);
    assert.throws(() => trainTestSplit([1, 2, 3, 4], { stratify: [0, 0, 0, 1] }), /only 1 member/);
    assert.throws(() => trainTestSplit([1, 2, 3, 4], { shuffle: false, stratify: [0, 0, 1, 1] }), ValidationError);
  });
});
