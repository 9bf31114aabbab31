import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { threadId } from 'node:worker_threads';
import { Companion, getNumThreads, setNumThreads } from '../../src/parallel/companion.js';
import { cpuCount } from '../../src/parallel/n-jobs.js';
import { closeReusablePools } from '../../src/parallel/pool.js';

const handler = new URL('./companion-handler.js', import.meta.url);

after(() => closeReusablePools());

describe('Companion: a second thread serving synchronous requests', () => {
  test('requests run on another thread, in order, on shared memory', async () => {
    const data = new Float64Array(new SharedArrayBuffer(8 * 4));
    const companion = await Companion.start(handler, { data: data.buffer });
    if (cpuCount() < 2) return assert.equal(companion, null);
    assert.ok(companion, 'a companion starts on a 2-core machine');
    companion.request(2);
    companion.wait();
    assert.notEqual(companion.args[2], threadId);
    for (let k = 0; k < 1000; k++) {
      companion.args[0] = k % 4;
      companion.args[1] = k;
      companion.request(1);
      companion.wait();
    }
    // Every request was seen exactly once: slot s holds the sum of k ≡ s (mod 4).
    const expected = [0, 1, 2, 3].map((s) => {
      let sum = 0;
      for (let k = s; k < 1000; k += 4) sum += k;
      return sum;
    });
    assert.deepEqual(Array.from(data), expected);
    await companion.close();
  });

  test('a failure reaches wait() with its message and close() with its type', async () => {
    const companion = await Companion.start(handler, { data: new SharedArrayBuffer(8) });
    if (cpuCount() < 2) return assert.equal(companion, null);
    assert.ok(companion);
    companion.request(3);
    assert.throws(() => companion.wait(), /companion thread failed: RangeError: bad command 3/);
    await assert.rejects(companion.close(), RangeError);
    assert.throws(() => companion.request(1), /closed companion/);
  });

  test('share() says no after requests whose waits cost more than the caller saved', async () => {
    const companion = await Companion.start(handler, { data: new SharedArrayBuffer(8) });
    if (cpuCount() < 2) return assert.equal(companion, null);
    assert.ok(companion);
    assert.equal(companion.share(), true);
    let requests = 0;
    // The caller's own share is empty; the companion's takes 0.2 ms: sharing loses.
    while (companion.share() && requests < 100) {
      companion.args[0] = 0.2;
      companion.request(4);
      companion.wait();
      requests++;
    }
    assert.ok(requests <= 32, `judged after ${requests} requests`);
    let alone = 1;
    while (!companion.share()) alone++;
    assert.equal(alone, 256, 'the first pause is 256 steps');
    await companion.close();
  });

  test('setNumThreads(1) keeps work on this thread; bad values are rejected', async () => {
    const before = getNumThreads();
    try {
      setNumThreads(1);
      assert.equal(getNumThreads(), 1);
      assert.equal(await Companion.start(handler, { data: new SharedArrayBuffer(8) }), null);
    } finally {
      setNumThreads(before);
    }
    assert.throws(() => setNumThreads(0), RangeError);
    assert.throws(() => setNumThreads(1.5), RangeError);
  });
});
