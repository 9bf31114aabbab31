/**
 * Mini-batches over tensors (PyTorch's `TensorDataset` + `DataLoader` in one): rows of
 * every tensor are taken together, optionally shuffled each epoch by a seeded generator.
 */
import { ShapeError } from '../tensor/errors.js';
import { take } from '../tensor/indexing.js';
import { RandomGenerator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { defaultGenerator } from './random.js';

/** Options of {@link DataLoader}. */
export interface DataLoaderOptions {
  /** Rows per batch. Default 1. */
  batchSize?: number;
  /** Reshuffle the rows at the start of every epoch. Default `false`. */
  shuffle?: boolean;
  /** Drop the last incomplete batch. Default `false`. */
  dropLast?: boolean;
  /** Seed or generator for shuffling. Default: nn's default generator. */
  generator?: RandomGenerator | number;
}

/**
 * Iterates batches `[x, y, ...]` (one tensor per input tensor) along the first axis.
 * @example
 * const loader = new DataLoader([X, y], { batchSize: 128, shuffle: true, generator: 0 });
 * for (const [xb, yb] of loader) { ... }
 */
export class DataLoader implements Iterable<Tensor[]> {
  readonly batchSize: number;
  readonly length: number;
  private readonly rng: RandomGenerator;

  constructor(
    readonly tensors: readonly Tensor[],
    readonly options: DataLoaderOptions = {},
  ) {
    if (tensors.length === 0) throw new Error('DataLoader: needs at least one tensor');
    const n = tensors[0].shape[0];
    for (const t of tensors) {
      if (t.ndim === 0 || t.shape[0] !== n) {
        throw new ShapeError(
          `DataLoader: every tensor needs the same first dimension; got shapes ${tensors.map((x) => `[${x.shape.join(', ')}]`).join(' and ')}`,
        );
      }
    }
    this.batchSize = options.batchSize ?? 1;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new RangeError(`DataLoader: batchSize must be a positive integer, got ${this.batchSize}`);
    }
    this.length = options.dropLast ? Math.floor(n / this.batchSize) : Math.ceil(n / this.batchSize);
    const g = options.generator;
    this.rng = g === undefined ? defaultGenerator() : typeof g === 'number' ? new RandomGenerator(g) : g;
  }

  /** Number of rows. */
  get numSamples(): number {
    return this.tensors[0].shape[0];
  }

  *[Symbol.iterator](): Iterator<Tensor[]> {
    const n = this.numSamples;
    const order = this.options.shuffle ? this.rng.permutation(n) : null;
    for (let b = 0; b < this.length; b++) {
      const start = b * this.batchSize;
      const end = Math.min(start + this.batchSize, n);
      if (order === null) {
        yield this.tensors.map((t) => sliceRows(t, start, end));
      } else {
        const idx = order.subarray(start, end);
        yield this.tensors.map((t) => take(t, idx, 0));
      }
    }
  }
}

/** Rows `[start, end)` of `t` as a copy. */
function sliceRows(t: Tensor, start: number, end: number): Tensor {
  const row = t.size / t.shape[0];
  return new Tensor(t.data.slice(start * row, end * row), [end - start, ...t.shape.slice(1)]);
}
