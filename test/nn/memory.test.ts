// Training must not leak: tensors that autograd creates per step are garbage once the step
// is over, so resident memory levels off instead of growing with the epochs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { dense, manualSeed, sequential } from '../../src/nn/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';

// Test-only: a handle on V8's collector, so the measurements are of live memory, not of garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

test('20 epochs of training keep memory flat', async () => {
  manualSeed(0);
  const rng = new RandomGenerator(0);
  const n = 2048;
  const x = new Tensor(
    Float32Array.from({ length: n * 32 }, () => rng.normal()),
    [n, 32],
  );
  const y = new Tensor(
    Int32Array.from({ length: n }, (_, i) => i % 4),
    [n],
  );
  const model = sequential([
    dense(64, { activation: 'relu', inputShape: [32] }),
    dense(32, { activation: 'relu' }),
    dense(4, { activation: 'softmax' }),
  ]);
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy', metrics: ['accuracy'] });
  const heap: number[] = [];
  const rss: number[] = [];
  for (let epoch = 0; epoch < 20; epoch++) {
    await model.fit(x, y, { epochs: 1, batchSize: 64, verbose: 0 });
    gc();
    heap.push(process.memoryUsage().heapUsed);
    rss.push(process.memoryUsage().rss);
  }
  // After warm-up (JIT, optimizer state), epochs 5..20 may not grow the live heap by more
  // than 2 MB — one leaked activation per step (64 x 64 float32) would add ~32 KB x 640 steps.
  const heapGrowth = heap[19] - heap[4];
  console.log(
    `heap ${(heap[4] / 2 ** 20).toFixed(1)} -> ${(heap[19] / 2 ** 20).toFixed(1)} MB, rss ${(rss[4] / 2 ** 20).toFixed(0)} -> ${(rss[19] / 2 ** 20).toFixed(0)} MB`,
  );
  assert.ok(heapGrowth < 2 * 2 ** 20, `live heap grew by ${(heapGrowth / 2 ** 20).toFixed(2)} MB over 15 epochs`);
  const rssGrowth = rss[19] - rss[4];
  assert.ok(rssGrowth < 24 * 2 ** 20, `resident memory grew by ${(rssGrowth / 2 ** 20).toFixed(1)} MB over 15 epochs`);
});
