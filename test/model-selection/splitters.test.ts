import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from '../../src/base/errors.js';
import {
  checkCv,
  GroupKFold,
  KFold,
  LeaveOneGroupOut,
  LeaveOneOut,
  LeavePGroupsOut,
  LeavePOut,
  PredefinedSplit,
  RepeatedKFold,
  RepeatedStratifiedKFold,
  ShuffleSplit,
  SplitList,
  type Splitter,
  StratifiedGroupKFold,
  StratifiedKFold,
  StratifiedShuffleSplit,
  TimeSeriesSplit,
} from '../../src/model-selection/index.js';
import { loadSklearnFixture } from '../helpers/fixtures.js';

type Fold = { train_idx: number[]; test_idx: number[] };
const asLists = (splitter: Splitter, X: number, y?: number[], groups?: number[]) =>
  [...splitter.split(X, y, groups)].map(([train, test]) => ({
    train_idx: Array.from(train),
    test_idx: Array.from(test),
  }));

describe('splitters match scikit-learn 1.2.1 (model_selection_splitters fixture)', () => {
  const fx = loadSklearnFixture('model_selection_splitters');
  const { n, groups, y, groups_sgkf, y_sgkf, test_fold, ts_n } = fx.inputs;
  const e = fx.expected as Record<string, Fold[]>;
  test('GroupKFold', () => assert.deepEqual(asLists(new GroupKFold({ nSplits: 3 }), n, y, groups), e.group_kfold_3));
  test('StratifiedGroupKFold', () =>
    assert.deepEqual(
      asLists(new StratifiedGroupKFold({ nSplits: 3 }), y_sgkf.length, y_sgkf, groups_sgkf),
      e.stratified_group_kfold_3,
    ));
  test('TimeSeriesSplit (defaults; gap + maxTrainSize + testSize; testSize)', () => {
    assert.deepEqual(asLists(new TimeSeriesSplit(), ts_n), e.time_series_split_default);
    assert.deepEqual(
      asLists(new TimeSeriesSplit({ nSplits: 3, gap: 2, maxTrainSize: 5, testSize: 3 }), ts_n),
      e.time_series_split_gap2_max5_test3,
    );
    assert.deepEqual(asLists(new TimeSeriesSplit({ nSplits: 4, testSize: 2 }), ts_n), e.time_series_split_test2);
  });
  test('LeaveOneOut and LeavePOut', () => {
    assert.deepEqual(asLists(new LeaveOneOut(), 5), e.leave_one_out_5);
    assert.deepEqual(asLists(new LeavePOut({ p: 2 }), 5), e.leave_p_out_5_2);
    assert.equal(new LeavePOut({ p: 2 }).getNSplits(5), 10);
  });
  test('LeaveOneGroupOut and LeavePGroupsOut', () => {
    assert.deepEqual(asLists(new LeaveOneGroupOut(), n, y, groups), e.leave_one_group_out);
    const g2 = [0, 0, 1, 2, 2, 3, 1, 3, 3, 0, 2, 1, 0, 3];
    assert.deepEqual(asLists(new LeavePGroupsOut({ nGroups: 2 }), n, y, g2), e.leave_p_groups_out_2);
    assert.equal(new LeavePGroupsOut({ nGroups: 2 }).getNSplits(undefined, undefined, g2), 6);
  });
  test('PredefinedSplit', () => {
    assert.deepEqual(asLists(new PredefinedSplit(test_fold), n), e.predefined_split);
    assert.equal(new PredefinedSplit(test_fold).getNSplits(), 3);
  });
});

/** Every sample is tested exactly once, and train is the complement of test in each split. */
function assertPartition(splits: [Int32Array, Int32Array][], n: number): void {
  const tested = new Int32Array(n);
  for (const [train, test] of splits) {
    assert.equal(train.length + test.length, n);
    const inTest = new Uint8Array(n);
    for (const i of test) {
      tested[i]++;
      inTest[i] = 1;
    }
    for (const i of train) assert.equal(inTest[i], 0, `sample ${i} in both train and test`);
    assert.equal(new Set(train).size, train.length);
  }
  assert.ok(
    tested.every((c) => c === 1),
    'every sample tested exactly once',
  );
}

describe('property: splitters partition the index set', () => {
  const labelled = fc
    .record({
      k: fc.integer({ min: 2, max: 5 }),
      y: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 10, maxLength: 60 }),
      seed: fc.nat(1000),
    })
    .filter(({ k, y }) => [0, 1, 2].every((c) => y.filter((v) => v === c).length >= k));

  test('KFold (plain and shuffled)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 8, max: 80 }), fc.nat(1000), (k, n, seed) => {
        assertPartition([...new KFold({ nSplits: k }).split(n)], n);
        assertPartition([...new KFold({ nSplits: k, shuffle: true, randomState: seed }).split(n)], n);
      }),
    );
  });

  test('StratifiedKFold keeps class ratios within one sample', () => {
    fc.assert(
      fc.property(labelled, ({ k, y, seed }) => {
        for (const cv of [
          new StratifiedKFold({ nSplits: k }),
          new StratifiedKFold({ nSplits: k, shuffle: true, randomState: seed }),
        ]) {
          const splits = [...cv.split(y.length, y)];
          assertPartition(splits, y.length);
          for (const [, test] of splits) {
            for (const c of [0, 1, 2]) {
              const total = y.filter((v) => v === c).length;
              const inFold = Array.from(test).filter((i) => y[i] === c).length;
              assert.ok(Math.abs(inFold - total / k) < 1, `class ${c}: ${inFold} in a fold, ${total / k} expected`);
            }
          }
        }
      }),
    );
  });

  test('group splitters never split a group', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 1 })), {
          minLength: 12,
          maxLength: 60,
        }),
        fc.integer({ min: 2, max: 3 }),
        (rows, k) => {
          const groups = rows.map(([g]) => g);
          const y = rows.map(([, c], i) => (i < 2 ? i : c)); // both classes present
          const n = rows.length;
          const nGroups = new Set(groups).size;
          const minClass = Math.min(...[0, 1].map((c) => y.filter((v) => v === c).length));
          const cvs: Splitter[] = [new LeaveOneGroupOut()];
          if (nGroups >= k) cvs.push(new GroupKFold({ nSplits: k }));
          if (nGroups >= k && minClass >= k)
            cvs.push(
              new StratifiedGroupKFold({ nSplits: k }),
              new StratifiedGroupKFold({ nSplits: k, shuffle: true, randomState: 3 }),
            );
          if (nGroups < 2) return;
          for (const cv of cvs) {
            const splits = [...cv.split(n, y, groups)] as [Int32Array, Int32Array][];
            assertPartition(splits, n);
            for (const [train, test] of splits) {
              const testGroups = new Set(Array.from(test, (i) => groups[i]));
              for (const i of train)
                assert.ok(!testGroups.has(groups[i]), `group ${groups[i]} split by ${cv.constructor.name}`);
            }
          }
        },
      ),
    );
  });

  test('RepeatedKFold / RepeatedStratifiedKFold: each repetition partitions; reproducible per seed', () => {
    const y = Array.from({ length: 30 }, (_, i) => i % 3);
    for (const cv of [
      new RepeatedKFold({ nSplits: 3, nRepeats: 4, randomState: 1 }),
      new RepeatedStratifiedKFold({ nSplits: 3, nRepeats: 4, randomState: 1 }),
    ]) {
      const splits = [...cv.split(30, y)];
      assert.equal(splits.length, cv.getNSplits());
      for (let r = 0; r < 4; r++) assertPartition(splits.slice(r * 3, r * 3 + 3), 30);
      assert.deepEqual(splits, [...cv.split(30, y)]);
      assert.notDeepEqual(splits[0], splits[3], 'repetitions differ');
    }
  });
});

describe('random splitters', () => {
  test('ShuffleSplit: sizes (fraction rounds test up), disjoint, reproducible', () => {
    const ss = new ShuffleSplit({ nSplits: 4, testSize: 0.25, randomState: 0 });
    const a = [...ss.split(10)];
    assert.deepEqual(a, [...ss.split(10)]);
    for (const [train, test] of a) {
      assert.equal(test.length, 3);
      assert.equal(train.length, 7);
      assert.ok(Array.from(test).every((i) => !train.includes(i)));
    }
    assert.equal([...new ShuffleSplit({ trainSize: 5, testSize: 2 }).split(10)][0][0].length, 5);
    assert.throws(() => [...new ShuffleSplit({ testSize: 1.5 }).split(10)], ValidationError);
    assert.throws(
      () => [...new ShuffleSplit({ testSize: 6, trainSize: 6 }).split(10)],
      /should be smaller than the number of samples/,
    );
  });

  test('StratifiedShuffleSplit keeps class proportions', () => {
    const y = Array.from({ length: 40 }, (_, i) => (i < 10 ? 'a' : i < 30 ? 'b' : 'c'));
    const sss = new StratifiedShuffleSplit({ nSplits: 5, testSize: 0.5, randomState: 4 });
    for (const [train, test] of sss.split(40, y)) {
      assert.equal(test.length, 20);
      assert.equal(train.length, 20);
      const count = (idx: Int32Array, c: string) => Array.from(idx).filter((i) => y[i] === c).length;
      assert.deepEqual([count(test, 'a'), count(test, 'b'), count(test, 'c')], [5, 10, 5]);
      assert.deepEqual([count(train, 'a'), count(train, 'b'), count(train, 'c')], [5, 10, 5]);
    }
    assert.throws(() => [...sss.split(3, ['a', 'b', 'b'])], /only 1 member/);
  });
});

describe('TimeSeriesSplit ordering and errors', () => {
  test('train always precedes test, test blocks advance', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 20, max: 60 }),
        (k, gap, n) => {
          let lastStart = -1;
          const cv = new TimeSeriesSplit({ nSplits: k, gap });
          if (n - gap - Math.floor(n / (k + 1)) * k <= 0) {
            assert.throws(() => [...cv.split(n)], /Too many splits/);
            return;
          }
          for (const [train, test] of cv.split(n)) {
            assert.ok(train[train.length - 1] + gap < test[0]);
            assert.ok(test[0] > lastStart);
            lastStart = test[0];
            for (let i = 1; i < test.length; i++) assert.equal(test[i], test[i - 1] + 1);
          }
        },
      ),
    );
  });
  test('too many splits is a ValidationError', () => {
    assert.throws(
      () => [...new TimeSeriesSplit({ nSplits: 5 }).split(5)],
      /number of folds=6 greater than the number of samples=5/,
    );
    assert.throws(() => [...new TimeSeriesSplit({ nSplits: 3, testSize: 4 }).split(12)], /Too many splits=3/);
  });
});

describe('bad input', () => {
  test('nSplits > n, missing groups or y, bad options', () => {
    assert.throws(() => [...new KFold({ nSplits: 6 }).split(5)], ValidationError);
    assert.throws(
      () => [...new GroupKFold({ nSplits: 3 }).split(4, undefined, [0, 0, 1, 1])],
      /greater than the number of groups: 2/,
    );
    assert.throws(() => [...new GroupKFold().split(4)], /'groups' parameter should not be undefined/);
    assert.throws(() => [...new StratifiedKFold().split(10)], /'y' parameter should not be undefined/);
    assert.throws(() => [...new LeaveOneGroupOut().split(3, undefined, [1, 1, 1])], /fewer than 2 unique groups/);
    assert.throws(() => [...new LeaveOneOut().split(1)], /n_samples=1/);
    assert.throws(() => [...new LeavePOut({ p: 3 }).split(3)], /strictly less/);
    assert.throws(() => new TimeSeriesSplit({ gap: -1 }), ValidationError);
    assert.throws(() => new RepeatedKFold({ nRepeats: 0 }), /nRepeats/);
    assert.throws(() => [...new GroupKFold({ nSplits: 2 }).split(4, undefined, [0, 1, 2])], /groups has 3/);
  });
});

describe('checkCv', () => {
  test('numbers become (Stratified)KFold, splitters pass through, lists become SplitList', () => {
    assert.ok(checkCv(3, [0, 1, 0, 1, 1, 0], true) instanceof StratifiedKFold);
    assert.ok(checkCv(3, [0.5, 1.5, 2], true) instanceof KFold, 'continuous y: plain KFold');
    assert.ok(checkCv(3, [0, 1, 0], false) instanceof KFold);
    const kf = new KFold({ nSplits: 2 });
    assert.equal(checkCv(kf), kf);
    const list = checkCv([
      [[0, 1], [2]],
      [[1, 2], [0]],
    ]);
    assert.ok(list instanceof SplitList);
    assert.equal(list.getNSplits(), 2);
    assert.deepEqual(
      [...list.split(3)].map(([a, b]) => [Array.from(a), Array.from(b)]),
      [
        [[0, 1], [2]],
        [[1, 2], [0]],
      ],
    );
    assert.throws(() => [...list.split(2)], /out of range/);
    assert.throws(() => checkCv('five' as never), ValidationError);
  });
});
