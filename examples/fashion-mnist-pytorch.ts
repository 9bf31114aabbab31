// Seed example 3: PyTorch style on Fashion-MNIST — class Net extends Module with Linear(784, 64) -> relu ->
// Linear(64, 10), Adam lr 0.001, CrossEntropyLoss, batch 128, an explicit training loop for 10 epochs.
// Full data when Debian's dataset-fashion-mnist is installed, else the bundled sample.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readIdx } from 'typelearn/data';
import { Adam, CrossEntropyLoss, DataLoader, F, Linear, Module, manualSeed, noGrad } from 'typelearn/nn';
import type { Tensor } from 'typelearn/tensor';

class Net extends Module {
  fc1 = new Linear(784, 64);
  fc2 = new Linear(64, 10);
  override forward(x: Tensor): Tensor {
    return this.fc2.forward(F.relu(this.fc1.forward(x)));
  }
}

const full = '/usr/share/datasets/fashion-mnist/';
const sample = fileURLToPath(new URL('../../datasets/fashion-mnist-sample/', import.meta.url));
const useFull = existsSync(`${full}train-images-idx3-ubyte.gz`) && !process.env.TYPELEARN_EXAMPLES_QUICK;
const dir = useFull ? full : sample;
const images = (file: string) => readIdx(`${dir}${file}`).astype('float32').div(255).reshape(-1, 784);
const labels = (file: string) => readIdx(`${dir}${file}`);
const xTrain = images('train-images-idx3-ubyte.gz');
const yTrain = labels('train-labels-idx1-ubyte.gz');
const xTest = images('t10k-images-idx3-ubyte.gz');
const yTest = labels('t10k-labels-idx1-ubyte.gz');
const epochs = useFull ? 10 : 3;

manualSeed(0);
const net = new Net();
const optimizer = new Adam(net.parameters(), { lr: 1e-3 });
const lossFn = new CrossEntropyLoss();
const loader = new DataLoader([xTrain, yTrain], { batchSize: 128, shuffle: true, generator: 0 });
for (let epoch = 0; epoch < epochs; epoch++) {
  net.train();
  for (const [xb, yb] of loader) {
    optimizer.zeroGrad();
    const loss = lossFn.forward(net.forward(xb), yb);
    loss.backward();
    optimizer.step();
  }
}
net.eval();
const accuracy = noGrad(() => net.forward(xTest))
  .argmax({ axis: 1 })
  .eq(yTest)
  .mean()
  .item();
console.log(`PyTorch-style net on ${xTrain.shape[0]} images: test accuracy ${(100 * accuracy).toFixed(2)}%`);
assert.ok(accuracy > (useFull ? 0.84 : 0.6));
