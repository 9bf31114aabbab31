// PyTorch-style training: a Module subclass, DataLoader, CrossEntropyLoss, Adam and an explicit loop.
import assert from 'node:assert/strict';
import { loadDataset, trainTestSplit } from 'typelearn/data';
import { Adam, CrossEntropyLoss, DataLoader, F, Linear, Module, manualSeed, noGrad, StepLR } from 'typelearn/nn';
import type { Tensor } from 'typelearn/tensor';

class Net extends Module {
  fc1 = new Linear(64, 64);
  fc2 = new Linear(64, 10);
  override forward(x: Tensor): Tensor {
    return this.fc2.forward(F.relu(this.fc1.forward(x)));
  }
}

manualSeed(0);
const { data, target } = loadDataset('digits');
const X = data.div(16).astype('float32');
const [xTrain, xTest, yTrain, yTest] = trainTestSplit(X, target, { testSize: 0.25, randomState: 0 });

const net = new Net();
const optimizer = new Adam(net.parameters(), { lr: 1e-3 });
const scheduler = new StepLR(optimizer, { stepSize: 10, gamma: 0.5 });
const lossFn = new CrossEntropyLoss();
const loader = new DataLoader([xTrain, yTrain], { batchSize: 32, shuffle: true, generator: 0 });

for (let epoch = 0; epoch < 20; epoch++) {
  net.train();
  for (const [xb, yb] of loader) {
    optimizer.zeroGrad();
    const loss = lossFn.forward(net.forward(xb), yb);
    loss.backward();
    optimizer.step();
  }
  scheduler.step();
}

net.eval();
const predicted = noGrad(() => net.forward(xTest)).argmax({ axis: 1 });
const accuracy = predicted.eq(yTest).mean().item();
console.log(`test accuracy ${accuracy.toFixed(3)}; parameters ${net.numParameters()}`);
assert.ok(accuracy > 0.9);
assert.deepEqual(
  net.namedParameters().map(([name]) => name),
  ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias'],
);
