/**
 * Worker-side handler of forest fitting (loaded by the `parallel` pool): the
 * forest's data arrives once per worker in shared memory (no copy), each task
 * is one member seed, and the result is the member tree's arrays.
 * Not part of the public API.
 */

import type { TreeGrowthParams } from '../tree/tree-params.js';
import { Tree } from '../tree/tree-structure.js';
import { type ForestData, growMember } from './forest-member.js';

/** The shared context a forest sends to its workers. */
export interface ForestWorkerContext {
  X: SharedArrayBuffer;
  order: SharedArrayBuffer | null;
  hasNaN: Uint8Array;
  nSamples: number;
  nFeatures: number;
  yClass: SharedArrayBuffer | null;
  nClasses: number;
  y: SharedArrayBuffer;
  weights: SharedArrayBuffer;
  params: TreeGrowthParams;
  criterion: number;
  bootstrap: boolean;
  nBootstrap: number;
  balancedSubsample: boolean;
}

/** Copies a typed array into shared memory (or reuses it when it already is shared). */
export function toShared(a: Float32Array | Float64Array | Int32Array): SharedArrayBuffer {
  if (a.buffer instanceof SharedArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) {
    return a.buffer;
  }
  const buffer = new SharedArrayBuffer(a.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return buffer;
}

/** Builds the worker context from the forest's data. */
export function forestContext(d: ForestData): ForestWorkerContext {
  const { randomState: _ignored, ...params } = d.params;
  return {
    X: toShared(d.input.X),
    order: d.input.order === null ? null : toShared(d.input.order),
    hasNaN: d.input.hasNaN,
    nSamples: d.input.nSamples,
    nFeatures: d.input.nFeatures,
    yClass: d.targets.yClass === null ? null : toShared(d.targets.yClass),
    nClasses: d.targets.nClasses,
    y: toShared(d.targets.y),
    weights: toShared(d.weights),
    params: { ...params, randomState: undefined },
    criterion: d.criterion,
    bootstrap: d.bootstrap,
    nBootstrap: d.nBootstrap,
    balancedSubsample: d.balancedSubsample,
  };
}

/** Pool hook: views the shared buffers once per worker. */
export function setup(c: ForestWorkerContext): ForestData {
  return {
    input: {
      X: new Float32Array(c.X),
      nSamples: c.nSamples,
      nFeatures: c.nFeatures,
      order: c.order === null ? null : new Int32Array(c.order),
      hasNaN: c.hasNaN,
    },
    targets: {
      yClass: c.yClass === null ? null : new Int32Array(c.yClass),
      nClasses: c.nClasses,
      y: new Float64Array(c.y),
    },
    weights: new Float64Array(c.weights),
    params: c.params,
    criterion: c.criterion,
    bootstrap: c.bootstrap,
    nBootstrap: c.nBootstrap,
    balancedSubsample: c.balancedSubsample,
  };
}

/** Pool hook: grows the member of seed `payload.seed`. */
export function run(payload: { seed: number }, data: ForestData): Record<string, unknown> {
  return growMember(data, payload.seed).toState();
}

/** Rebuilds a member returned by {@link run}. */
export function memberFromState(state: unknown): Tree {
  return Tree.fromState(state, 'forest worker result');
}
