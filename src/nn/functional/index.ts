/**
 * `nn.F`: the differentiable functions (PyTorch's `torch.nn.functional` plus the
 * differentiable tensor ops). Each records its backward when an input requires grad and
 * grad mode is on.
 */
export * from './activation.js';
export * from './arithmetic.js';
export * from './conv.js';
export * from './conv-pool.js';
export * from './dropout.js';
export { erf } from './erf.js';
export * from './indexing.js';
export * from './loss-classification.js';
export type { Reduction } from './loss-reduce.js';
export * from './loss-regression.js';
export * from './matmul.js';
export * from './normalization.js';
export * from './pool.js';
export * from './reduce.js';
export * from './shape.js';
export * from './softmax.js';
export * from './unary.js';
