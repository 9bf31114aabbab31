/**
 * `typelearn/nn`: PyTorch-style autograd, modules, losses, optimizers and schedulers, plus
 * Keras-style `sequential(...).compile(...).fit(...)`. Importing it installs the autograd
 * engine behind `Tensor.backward()`.
 *
 * @example
 * import { Linear, CrossEntropyLoss, Adam, F } from 'typelearn/nn';
 * const fc = new Linear(4, 3);
 * const opt = new Adam(fc.parameters(), { lr: 1e-2 });
 * const loss = new CrossEntropyLoss().forward(fc.forward(x), y);
 * opt.zeroGrad(); loss.backward(); opt.step();
 */
export { type BackwardOptions, backward, detach } from './autograd/engine.js';
export { enableGrad, isGradEnabled, noGrad, setGradEnabled } from './autograd/grad-mode.js';
export { DataLoader, type DataLoaderOptions } from './data-loader.js';
export { type GruLayerResult, gruLayer } from './functional/gru.js';
export * as F from './functional/index.js';
export { type LstmLayerResult, lstmLayer, type RecurrentWeights } from './functional/lstm.js';
export { unpack } from './functional/unpack.js';
export * as init from './init.js';
export * from './keras/index.js';
export * from './layers/activations.js';
export * from './layers/batch-norm.js';
export * from './layers/conv2d.js';
export * from './layers/dropout.js';
export * from './layers/embedding.js';
export * from './layers/flatten.js';
export * from './layers/gru.js';
export * from './layers/layer-norm.js';
export * from './layers/linear.js';
export * from './layers/lstm.js';
export * from './layers/multihead-attention.js';
export * from './layers/pooling.js';
export * from './layers/rnn-base.js';
export * from './layers/sequential.js';
export * from './losses/classification.js';
export * from './losses/regression.js';
export * from './module.js';
export * from './optim/adagrad.js';
export * from './optim/adam.js';
export * from './optim/clip-grad.js';
export * from './optim/optimizer.js';
export * from './optim/rmsprop.js';
export * from './optim/sgd.js';
export { Parameter } from './parameter.js';
export { defaultGenerator, manualSeed } from './random.js';
export * from './sched/lr-scheduler.js';
export * from './sched/one-cycle-lr.js';
export * from './sched/reduce-lr-on-plateau.js';
export * from './serialization.js';
