import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  type ContenderResult,
  defaultTiming,
  fillRatios,
  formatSeconds,
  measure,
  median,
  PeerUnavailable,
  predictSeconds,
  runJsTasks,
  shouldContinue,
  type Task,
  type TimingOptions,
  throughput,
} from '../../bench/harness.js';
import { blasTuningNotes, pythonEnv } from '../../bench/python.js';
import {
  compactRow,
  formatColumns,
  formatRatio,
  formatTable,
  formatThroughput,
  machineInfo,
  type SuiteReport,
  writeResults,
} from '../../bench/report.js';

const fastTiming: TimingOptions = { minRuns: 3, minSeconds: 0, maxSeconds: 1, maxRuns: 3, skipAboveSeconds: 5 };

describe('bench harness: statistics', () => {
  test('median of odd and even counts, order-independent', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([7]), 7);
    assert.throws(() => median([]), RangeError);
  });

  test('median does not reorder its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    assert.deepEqual(xs, [3, 1, 2]);
  });

  test('throughput and run-time prediction are inverse', () => {
    assert.equal(throughput(2e9, 1), 2);
    assert.equal(predictSeconds(4e9, 2), 2);
    assert.equal(predictSeconds(1, undefined), undefined);
  });

  test('adaptive loop: minimum runs, minimum time, time cap, run cap', () => {
    const opts = { ...defaultTiming };
    assert.equal(shouldContinue([], 0, opts), true);
    assert.equal(shouldContinue([0.2, 0.2], 0, opts), true, 'fewer than minRuns');
    assert.equal(shouldContinue([0.01, 0.01, 0.01, 0.01, 0.01], 0, opts), true, 'under minSeconds');
    assert.equal(shouldContinue([0.2, 0.2, 0.2, 0.2, 0.2], 0, opts), false, '5 runs and 1 s: done');
    assert.equal(shouldContinue([4, 4], 1, opts), false, 'next run would pass maxSeconds');
    assert.equal(shouldContinue([1e-6, 1e-6], 0, { ...opts, maxRuns: 2 }), false);
  });

  test('measure runs the function once to warm up, then the timed runs', async () => {
    let calls = 0;
    const { times } = await measure({ run: () => calls++ }, fastTiming);
    assert.equal(times.length, 3);
    assert.equal(calls, 4);
    assert.ok(times.every((t) => t >= 0));
  });

  test('measure waits for a returned promise to settle', async () => {
    const { times } = await measure(
      { run: () => new Promise((resolve) => setTimeout(resolve, 20)) },
      { ...fastTiming, minRuns: 1, maxRuns: 1 },
    );
    assert.ok(times[0] >= 0.015, `timed ${times[0]} s for a 20 ms promise`);
  });

  test('fillRatios divides by the first row and leaves untimed rows empty', () => {
    const rows: ContenderResult[] = [
      { contender: 'typelearn', status: 'ok', medianSeconds: 2 },
      { contender: 'peer', status: 'ok', medianSeconds: 6 },
      { contender: 'broken', status: 'error', note: 'x' },
    ];
    fillRatios(rows);
    assert.deepEqual(
      rows.map((r) => r.ratio),
      [1, 3, undefined],
    );
    const noRef: ContenderResult[] = [
      { contender: 'typelearn', status: 'error' },
      { contender: 'peer', status: 'ok', medianSeconds: 1 },
    ];
    fillRatios(noRef);
    assert.equal(noRef[1].ratio, undefined);
  });
});

describe('bench harness: running tasks', () => {
  test('a throwing contender is reported, the others still run', async () => {
    const task: Task = {
      name: 'toy',
      unit: 'GB/s',
      work: 1e6,
      contenders: [
        { name: 'good', setup: () => ({ run: () => 1 }) },
        {
          name: 'bad',
          setup: () => ({
            run: () => {
              throw new Error('add: not implemented yet');
            },
          }),
        },
        { name: 'absent', setup: () => Promise.reject(new PeerUnavailable('not installed: npm i -D x')) },
        { name: 'wrong', setup: () => ({ run: () => 0, verify: () => 'out[0] = 0, expected 1' }) },
        { name: 'nope', na: 'no float64', setup: () => ({ run: () => 0 }) },
      ],
    };
    const [res] = await runJsTasks([task], fastTiming, () => {});
    const byName = Object.fromEntries(res.results.map((r) => [r.contender, r]));
    assert.equal(byName.good.status, 'ok');
    assert.equal(byName.good.runs, 3);
    assert.ok(byName.good.throughput! > 0);
    assert.equal(byName.bad.status, 'error');
    assert.match(byName.bad.note!, /not implemented/);
    assert.equal(byName.absent.status, 'skipped');
    assert.match(byName.absent.note!, /npm i -D x/);
    assert.equal(byName.wrong.status, 'error');
    assert.match(byName.wrong.note!, /wrong result/);
    assert.equal(byName.nope.status, 'n/a');
  });

  test('a contender predicted too slow on a bigger task of its series is skipped', async () => {
    let bigRuns = 0;
    const sleepy = (ms: number) => () => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        // busy wait: a deterministic slow contender
      }
    };
    const small: Task = {
      name: 'small',
      series: 's',
      unit: 'GFLOP/s',
      work: 1e6,
      contenders: [{ name: 'slow', setup: () => ({ run: sleepy(5) }) }],
    };
    const big: Task = {
      ...small,
      name: 'big',
      work: 1e10, // 10,000× the work: ~50 s predicted
      contenders: [{ name: 'slow', setup: () => ({ run: () => bigRuns++ }) }],
    };
    const [, b] = await runJsTasks([small, big], fastTiming, () => {});
    assert.equal(b.results[0].status, 'skipped');
    assert.match(b.results[0].note!, /too slow: ~\d+ s\/run/);
    assert.equal(bigRuns, 0);
  });
});

describe('bench report', () => {
  test('formatColumns aligns left and right', () => {
    assert.deepEqual(
      formatColumns(
        [
          ['a', '1'],
          ['bb', '22'],
        ],
        ['l', 'r'],
      ),
      ['a    1', 'bb  22'],
    );
  });

  test('number formatting', () => {
    assert.equal(formatSeconds(0.00123), '1.23 ms');
    assert.equal(formatSeconds(2.5), '2.50 s');
    assert.equal(formatSeconds(5e-6), '5.0 µs');
    assert.equal(formatThroughput(123.4), '123');
    assert.equal(formatThroughput(0.01234), '0.0123');
    assert.equal(formatRatio(2, false), '2.00×');
    assert.equal(formatRatio(1, true), 'ref');
    assert.equal(formatRatio(undefined, false), '—');
  });

  test('formatTable shows every row, statuses, ratios and the legend', () => {
    const results: ContenderResult[] = [
      { contender: 'typelearn', status: 'ok', medianSeconds: 0.01, runs: 50, throughput: 3.2 },
      { contender: 'tfjs-cpu', status: 'ok', medianSeconds: 0.04, runs: 12, throughput: 0.8 },
      { contender: 'tfjs-wasm', status: 'n/a', note: 'tfjs has no float64' },
      { contender: 'ml-matrix', status: 'skipped', note: 'too slow: ~30 s/run' },
      { contender: 'broken', status: 'error', note: 'add: not implemented yet' },
    ];
    fillRatios(results);
    const table = formatTable([{ task: 'add float64 10M', unit: 'GB/s', work: 2.4e8, results }]);
    const lines = table.split('\n');
    const row = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    assert.match(row('typelearn'), /add float64 10M\s+typelearn\s+10\.00 ms\s+50\s+3\.20 GB\/s\s+ref/);
    assert.match(row('tfjs-cpu'), /40\.00 ms\s+12\s+0\.800 GB\/s\s+4\.00×$/);
    assert.match(row('tfjs-wasm'), /n\/a \(tfjs has no float64\)/);
    assert.match(row('ml-matrix'), /skipped \(too slow: ~30 s\/run\)/);
    assert.match(row('broken'), /error: add: not implemented yet/);
    assert.match(table, /> 1 means typelearn is faster/);
  });

  test('compactRow rounds, adds min/max and drops long run lists', () => {
    const long = compactRow({
      contender: 'numpy',
      status: 'ok',
      medianSeconds: 0.0123456789,
      timesSeconds: Array.from({ length: 100 }, (_, i) => (i + 1) / 1000),
    });
    assert.equal(long.medianSeconds, 0.01235);
    assert.equal(long.minSeconds, 0.001);
    assert.equal(long.maxSeconds, 0.1);
    assert.equal(long.timesSeconds, undefined);
    const short = compactRow({ contender: 'x', status: 'ok', medianSeconds: 1, timesSeconds: [1.23456, 0.9] });
    assert.deepEqual(short.timesSeconds, [1.235, 0.9]);
    assert.equal(compactRow({ contender: 'y', status: 'error', note: 'boom' }).minSeconds, undefined);
  });

  test('writeResults writes parseable JSON with machine info into the given directory', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'typelearn-bench-'));
    try {
      const report: SuiteReport = {
        suite: 'toy',
        machine: machineInfo(new Date('2024-01-02T03:04:05Z')),
        timing: defaultTiming,
        peers: {},
        notes: [],
        tasks: [
          { task: 't', unit: 'GB/s', work: 1, results: [{ contender: 'typelearn', status: 'ok', medianSeconds: 1 }] },
        ],
      };
      const file = writeResults(path.join(dir, 'results'), report);
      assert.equal(file, path.join(dir, 'results', 'toy.json'));
      const back = JSON.parse(readFileSync(file, 'utf8'));
      assert.equal(back.machine.node, process.version);
      assert.equal(back.machine.date, '2024-01-02T03:04:05.000Z');
      assert.equal(typeof back.machine.cpu, 'string');
      assert.equal(back.tasks[0].results[0].medianSeconds, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('bench python bridge', () => {
  test('child env pins BLAS threads and keeps the machine OpenBLAS tuning', () => {
    const env = pythonEnv({ OPENBLAS_CORETYPE: 'Haswell', PATH: '/bin' }, 1);
    assert.equal(env.OPENBLAS_NUM_THREADS, '1');
    assert.equal(env.OMP_NUM_THREADS, '1');
    assert.equal(env.MKL_NUM_THREADS, '1');
    assert.equal(env.OPENBLAS_CORETYPE, 'Haswell');
    assert.deepEqual(blasTuningNotes({ OPENBLAS_CORETYPE: 'Haswell', OPENBLAS_L2_SIZE: '1048576' }), [
      'OPENBLAS_CORETYPE=Haswell',
      'OPENBLAS_L2_SIZE=1048576',
    ]);
    assert.deepEqual(blasTuningNotes({}), []);
  });
});
