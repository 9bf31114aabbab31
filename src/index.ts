/**
 * typelearn: the Python machine-learning stack rebuilt natively in TypeScript.
 * Every module is also importable on its own as `typelearn/<module>`.
 */

// Names two modules both export: the umbrella keeps the tensor/base meaning; the other is
// reachable from its own module (`concat` of Frames from 'typelearn/data',
// metrics' `TargetType` from 'typelearn/metrics').
export type { TargetType } from './base/index.js';
export * from './base/index.js';
export * from './cluster/index.js';
export * from './compose/index.js';
export * from './data/index.js';
export * from './decomposition/index.js';
export * from './dummy/index.js';
export * from './ensemble/index.js';
export * from './io/index.js';
export * as linalg from './linalg/index.js';
export * from './linear-model/index.js';
export * from './manifold/index.js';
export * from './metrics/index.js';
export * from './model-selection/index.js';
export * from './naive-bayes/index.js';
export * from './neighbors/index.js';
export * from './neural-network/index.js';
export * as nn from './nn/index.js';
export * as parallel from './parallel/index.js';
export * from './preprocessing/index.js';
export * from './report/index.js';
export * from './svm/index.js';
export type { SortOptions } from './tensor/index.js';
export * from './tensor/index.js';
export { concat } from './tensor/index.js';
export * from './tree/index.js';
export * from './viz/index.js';
