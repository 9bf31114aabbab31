/**
 * typelearn: the Python machine-learning stack rebuilt natively in TypeScript.
 * Every module is also importable on its own as `typelearn/<module>`.
 */

export * from './base/index.js';
export * from './dummy/index.js';
export * as linalg from './linalg/index.js';
export * from './tensor/index.js';
