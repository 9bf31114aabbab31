import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { NotFittedError, ValidationError } from '../../src/base/errors.js';
import { DummyClassifier } from '../../src/dummy/index.js';
import {
  closeReusablePools,
  cpuCount,
  deserializeError,
  estimatorRegistry,
  fromShared,
  loadNodeCores,
  resolveNJobs,
  reviveEstimator,
  runInPool,
  serializeError,
  shareTensor,
  WorkerPool,
} from '../../src/parallel/index.js';
import { Tensor } from '../../src/tensor/tensor.js';
import type { Task } from './test-handler.js';

const handler = new URL('./test-handler.js', import.meta.url);

describe('WorkerPool', () => {
  test('results come back in task order whatever the scheduling', async () => {
    const tasks: Task[] = Array.from({ length: 8 }, (_, i) => ({ x: i, sleepMs: (8 - i) * 3 }));
    assert.deepEqual(await runInPool(tasks, { size: 2, handler }), [0, 1, 4, 9, 16, 25, 36, 49]);
    assert.deepEqual(await runInPool([], { size: 2, handler }), []);
  });

  test('with an inline runner this thread shares the queue: order kept, both sides used, errors reject', async () => {
    const where: string[] = [];
    const tasks: Task[] = Array.from({ length: 12 }, (_, i) => ({ x: i, sleepMs: 5 }));
    const out = await runInPool<number>(tasks, {
      size: 1,
      handler,
      inline: async (payload) => {
        const t = payload as Task;
        where[t.x] = 'inline';
        await new Promise((r) => setTimeout(r, 5));
        return t.x * t.x;
      },
    });
    assert.deepEqual(
      out,
      tasks.map((t) => t.x * t.x),
    );
    const inline = where.filter((w) => w === 'inline').length;
    assert.ok(inline > 0 && inline < 12, `inline ran ${inline} of 12 tasks`);
    await assert.rejects(
      runInPool(tasks, {
        size: 1,
        handler,
        inline: () => {
          throw new RangeError('inline failed');
        },
      }),
      /inline failed/,
    );
    // One task and an inline runner: no worker is needed at all.
    assert.deepEqual(await runInPool([{ x: 7 }], { size: 1, handler, inline: () => 'here' }), ['here']);
  });

  test('a pool runs several maps, then closes', async () => {
    const pool = new WorkerPool({ size: 2, handler });
    try {
      assert.deepEqual(await pool.map([{ x: 2 }, { x: 3 }]), [4, 9]);
      assert.deepEqual(await pool.map([{ x: 5 }]), [25]);
    } finally {
      await pool.close();
    }
    assert.ok(pool.closed);
    await assert.rejects(pool.map([{ x: 1 }]), /closed/);
  });

  test('runInPool keeps its workers for the next call (warm), each map with its own context', async () => {
    await closeReusablePools();
    const X = shareTensor(new Tensor(new Float64Array(6), [2, 3]));
    const first = await runInPool<number | boolean>(
      [
        { x: 0, whoami: true },
        { x: 0, hasX: true },
      ],
      {
        size: 1,
        handler,
        context: { X },
      },
    );
    assert.deepEqual(first.slice(1), [true]);
    // Same worker again; the previous map's data was released, this map has none.
    const second = await runInPool<number | boolean>(
      [
        { x: 0, whoami: true },
        { x: 0, hasX: true },
      ],
      {
        size: 1,
        handler,
      },
    );
    assert.deepEqual(second, [first[0], false], 'the same worker thread ran the second call');
    // reuse: false starts (and closes) a pool of its own.
    const fresh = await runInPool<number>([{ x: 0, whoami: true }], { size: 1, handler, reuse: false });
    assert.notEqual(fresh[0], first[0]);
    // Concurrent calls: one borrows the kept pool, the other gets its own; both complete.
    const both = await Promise.all([
      runInPool([{ x: 2, sleepMs: 30 }], { size: 1, handler }),
      runInPool([{ x: 3, sleepMs: 30 }], { size: 1, handler }),
    ]);
    assert.deepEqual(both, [[4], [9]]);
    // A failure closes the kept pool; the next call starts a new worker.
    await assert.rejects(runInPool([{ x: 1, fail: 'range' }], { size: 1, handler }), /out of range 1/);
    const after = await runInPool<number>([{ x: 0, whoami: true }], { size: 1, handler });
    assert.notEqual(after[0], first[0]);
    await closeReusablePools();
    const again = await runInPool<number>([{ x: 0, whoami: true }], { size: 1, handler });
    assert.notEqual(again[0], after[0], 'closeReusablePools terminated the kept workers');
    await closeReusablePools();
  });

  test('a pool without a handler takes one per map', async () => {
    const pool = new WorkerPool({ size: 1 });
    try {
      await assert.rejects(pool.map([{ x: 1 }]), /no handler module/);
      assert.deepEqual(await pool.map([{ x: 4 }], { handler }), [16]);
    } finally {
      await pool.close();
    }
  });

  test('data in a SharedArrayBuffer is shared with workers, not copied', async () => {
    const X = new Tensor(
      Float64Array.from({ length: 12 }, (_, i) => i),
      [4, 3],
    );
    const shared = shareTensor(X);
    assert.ok(shared.buffer instanceof SharedArrayBuffer);
    const sums = await runInPool<number>(
      [0, 1, 2, 3].map((r) => ({ x: 0, rowSum: r })),
      { size: 2, handler, context: { X: shared } },
    );
    assert.deepEqual(sums, [3, 12, 21, 30]);
    await runInPool([{ x: 7, write: 5 }], { size: 1, handler, context: { X: shared } });
    assert.equal(fromShared(shared).data[5], -7, 'the worker wrote into the very same memory');
    assert.equal(X.data[5], 5, 'the original tensor was copied once into shared memory');
    assert.equal(shareTensor(fromShared(shared)).buffer, shared.buffer, 'already-shared data is not copied again');
  });

  test("a worker's error is re-thrown with its type and message; the pool closes", async () => {
    const pool = new WorkerPool({ size: 2, handler });
    await assert.rejects(
      pool.map([{ x: 1 }, { x: 2, fail: 'validation' }, { x: 3 }]),
      (e: unknown) => e instanceof ValidationError && e.message === 'bad value 2' && e.param === 'x' && e.got === 2,
    );
    assert.ok(pool.closed);
    await assert.rejects(
      runInPool([{ x: 4, fail: 'range' }], { size: 1, handler }),
      (e: unknown) => e instanceof RangeError && /out of range 4/.test(e.message),
    );
    await assert.rejects(runInPool([{ x: 5, fail: 'string' }], { size: 1, handler }), /plain 5/);
    await assert.rejects(
      runInPool([{ x: 6, exit: true }], { size: 1, handler }),
      /worker exited unexpectedly \(code 3\)/,
    );
  });

  test('an AbortSignal cancels: workers are terminated and map rejects with the reason', async () => {
    const controller = new AbortController();
    const pool = new WorkerPool({ size: 2, handler });
    const pending = pool.map(
      Array.from({ length: 4 }, () => ({ x: 1, sleepMs: 10_000 })),
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(new Error('user cancelled')), 100);
    const start = Date.now();
    await assert.rejects(pending, /user cancelled/);
    assert.ok(Date.now() - start < 5000, 'did not wait for the sleeping tasks');
    assert.ok(pool.closed);
    const aborted = AbortSignal.abort(new Error('already'));
    await assert.rejects(runInPool([{ x: 1 }], { size: 1, handler, signal: aborted }), /already/);
  });
});

describe('nJobs, errors, registry', () => {
  test('resolveNJobs follows sklearn: undefined/-1 all cores, -k all but k-1, 0 invalid', async () => {
    await loadNodeCores();
    const cores = cpuCount();
    assert.ok(cores >= 1);
    assert.equal(resolveNJobs(undefined), cores);
    assert.equal(resolveNJobs(-1), cores);
    assert.equal(resolveNJobs(-cores - 5), 1);
    assert.equal(resolveNJobs(3), 3);
    assert.throws(() => resolveNJobs(0), ValidationError);
    assert.throws(() => resolveNJobs(1.5), ValidationError);
  });

  test('errors survive serialization with their type and details', () => {
    const v = deserializeError(serializeError(new ValidationError('bad', { param: 'alpha', row: 3 })));
    assert.ok(v instanceof ValidationError);
    assert.equal(v.param, 'alpha');
    assert.equal(v.row, 3);
    const nf = deserializeError(serializeError(new NotFittedError('Ridge', { attribute: 'coef' })));
    assert.ok(nf instanceof NotFittedError);
    assert.match(nf.message, /This Ridge instance is not fitted/);
    const custom = new Error('boom');
    custom.name = 'WeirdError';
    const c = deserializeError(serializeError(custom));
    assert.equal(c.name, 'WeirdError');
    assert.equal(c.message, 'boom');
  });

  test('the registry knows the exported estimators and rebuilds them from toJSON', async () => {
    const registry = await estimatorRegistry();
    assert.equal(registry.get('DummyClassifier'), DummyClassifier);
    const model = new DummyClassifier({ strategy: 'uniform', randomState: 4 });
    const revived = reviveEstimator<DummyClassifier>(model.toJSON(), registry);
    assert.ok(revived instanceof DummyClassifier);
    assert.deepEqual(revived.getParams(), model.getParams());
    assert.throws(
      () => reviveEstimator({ className: 'NoSuchModel' }, registry),
      /Unknown estimator class 'NoSuchModel'/,
    );
  });
});
