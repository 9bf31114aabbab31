/**
 * Suite `nn`: training throughput of the seed networks of issue #9 — the Keras MLP
 * (784 → 64 relu → 32 relu → 10 softmax) and the Keras CNN (Conv2D 32 3×3 relu → MaxPool 2×2 →
 * Flatten → Dense 64 relu → Dense 10 softmax) — one epoch of Adam(1e-3) over `N` 28×28 images
 * in batches of 128, side by side with TensorFlow.js (pure-JS `cpu` and WebAssembly `wasm`
 * backends; tfjs-core only, so the same networks are written with its ops and `tf.train.adam`)
 * and PyTorch (2 threads; `bench/python/nn.py`).
 *
 * Inputs are seeded random images and labels: throughput does not depend on the pixels. The
 * verify step prints samples/second per contender (N / median epoch time). The throughput
 * column is nominal (forward + backward ≈ 3 × forward flops).
 */

// The package face: importing it also registers the autograd engine.
import { conv2d, dense, flatten, manualSeed, maxPooling2d, sequential } from '../../src/nn/index.js';
import { RandomGenerator } from '../../src/tensor/random.js';
import { Tensor } from '../../src/tensor/tensor.js';
import type { Prepared, Task } from '../harness.js';
import { optionalImport } from '../peers/optional.js';
import { useTf } from '../peers/tfjs.js';

/** One line for the report header. */
export const description = 'one training epoch (Adam, batch 128) of the Keras MLP and CNN on 28x28 images';

const BATCH = 128;

interface Inputs {
  images: Float32Array;
  labels: Int32Array;
  n: number;
}

function makeInputs(n: number): Inputs {
  const rng = new RandomGenerator(3);
  return {
    images: Float32Array.from({ length: n * 784 }, () => rng.random()),
    labels: Int32Array.from({ length: n }, () => rng.integers(10)),
    n,
  };
}

function rate(name: string, n: number, seconds: () => number): () => string | undefined {
  return () => {
    process.stderr.write(`  ${name}: ${(n / seconds()).toFixed(0)} samples/s\n`);
    return undefined;
  };
}

function typelearnContender(kind: 'mlp' | 'cnn'): Task<Inputs>['contenders'][number] {
  return {
    name: 'typelearn',
    setup(inp): Prepared {
      manualSeed(0);
      const model =
        kind === 'mlp'
          ? sequential([
              dense(64, { activation: 'relu', inputShape: [784] }),
              dense(32, { activation: 'relu' }),
              dense(10, { activation: 'softmax' }),
            ])
          : sequential([
              conv2d(32, 3, { activation: 'relu', inputShape: [28, 28, 1] }),
              maxPooling2d(2),
              flatten(),
              dense(64, { activation: 'relu' }),
              dense(10, { activation: 'softmax' }),
            ]);
      model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
      const x = new Tensor(inp.images, kind === 'mlp' ? [inp.n, 784] : [inp.n, 28, 28, 1]);
      const y = new Tensor(inp.labels, [inp.n]);
      let last = 0;
      return {
        run: async () => {
          const t = performance.now();
          await model.fit(x, y, { epochs: 1, batchSize: BATCH, verbose: 0 });
          last = (performance.now() - t) / 1000;
        },
        verify: rate(`typelearn ${kind}`, inp.n, () => last),
      };
    },
  };
}

function tfContender(kind: 'mlp' | 'cnn', backend: 'cpu' | 'wasm'): Task<Inputs>['contenders'][number] {
  return {
    name: `tfjs-${backend}`,
    async setup(inp): Promise<Prepared> {
      const tf = await useTf(backend);
      // tfjs-core alone registers no gradients; the @tensorflow/tfjs bundle does (same core instance).
      await optionalImport('@tensorflow/tfjs', 'npm i -D @tensorflow/tfjs');
      // Glorot-uniform weights, zero biases (Keras' defaults).
      const glorot = (shape: number[], fanIn: number, fanOut: number) =>
        tf.variable(
          tf.randomUniform(shape, -Math.sqrt(6 / (fanIn + fanOut)), Math.sqrt(6 / (fanIn + fanOut)), 'float32', 0),
        );
      const zeros = (n: number) => tf.variable(tf.zeros([n]));
      const p =
        kind === 'mlp'
          ? [
              glorot([784, 64], 784, 64),
              zeros(64),
              glorot([64, 32], 64, 32),
              zeros(32),
              glorot([32, 10], 32, 10),
              zeros(10),
            ]
          : [
              glorot([3, 3, 1, 32], 9, 288),
              zeros(32),
              glorot([5408, 64], 5408, 64),
              zeros(64),
              glorot([64, 10], 64, 10),
              zeros(10),
            ];
      const forward = (xb: import('@tensorflow/tfjs-core').Tensor) => {
        if (kind === 'mlp') {
          const h1 = tf.relu(tf.add(tf.matMul(xb as import('@tensorflow/tfjs-core').Tensor2D, p[0] as never), p[1]));
          const h2 = tf.relu(tf.add(tf.matMul(h1 as never, p[2] as never), p[3]));
          return tf.add(tf.matMul(h2 as never, p[4] as never), p[5]);
        }
        const c = tf.relu(tf.add(tf.conv2d(xb as never, p[0] as never, 1, 'valid'), p[1]));
        const m = tf.maxPool(c as never, 2, 2, 'valid');
        const f = tf.reshape(m, [-1, 5408]);
        const h = tf.relu(tf.add(tf.matMul(f as never, p[2] as never), p[3]));
        return tf.add(tf.matMul(h as never, p[4] as never), p[5]);
      };
      const optimizer = tf.train.adam(1e-3);
      const xAll = tf.tensor(inp.images, kind === 'mlp' ? [inp.n, 784] : [inp.n, 28, 28, 1]);
      const yAll = tf.oneHot(tf.tensor1d(inp.labels, 'int32'), 10);
      let last = 0;
      return {
        run: () => {
          const t = performance.now();
          for (let b = 0; b < inp.n; b += BATCH) {
            const size = Math.min(BATCH, inp.n - b);
            tf.tidy(() => {
              const xb = tf.slice(xAll, b, size);
              const yb = tf.slice(yAll, b, size);
              optimizer.minimize(() => tf.losses.softmaxCrossEntropy(yb, forward(xb)) as never, false);
            });
          }
          tf.tidy(() => p[0].dataSync());
          last = (performance.now() - t) / 1000;
        },
        verify: rate(`tfjs-${backend} ${kind}`, inp.n, () => last),
        dispose: () => {
          for (const v of p) v.dispose();
          xAll.dispose();
          yAll.dispose();
          optimizer.dispose();
        },
      };
    },
  };
}

// Forward flops per sample: MLP 2·(784·64 + 64·32 + 32·10); CNN conv 2·26·26·32·9 + dense 2·(5408·64 + 64·10).
const mlpFlops = 2 * (784 * 64 + 64 * 32 + 32 * 10);
const cnnFlops = 2 * 26 * 26 * 32 * 9 + 2 * (5408 * 64 + 64 * 10);

function task(kind: 'mlp' | 'cnn', n: number): Task<Inputs> {
  return {
    name: `${kind} train 1 epoch, ${n} images`,
    unit: 'GFLOP/s',
    work: 3 * n * (kind === 'mlp' ? mlpFlops : cnnFlops),
    inputs: () => makeInputs(n),
    contenders: [typelearnContender(kind), tfContender(kind, 'cpu'), tfContender(kind, 'wasm')],
    python: { op: 'train', model: kind, n, batch: BATCH },
  };
}

/** The tasks, in display order. */
export const tasks: Task[] = [task('mlp', 8192) as Task, task('cnn', 2048) as Task];
