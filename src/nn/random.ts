/**
 * The generator behind nn's randomness (parameter init, dropout masks, DataLoader
 * shuffling) when no generator is passed: one seeded xoshiro128** stream, reseeded by
 * {@link manualSeed} like `torch.manual_seed`.
 */
import { RandomGenerator } from '../tensor/random.js';

let generator = new RandomGenerator(0);

/**
 * Reseeds nn's default generator, making init, dropout and shuffling reproducible.
 * @example manualSeed(42); const a = new Linear(3, 2); manualSeed(42); // same weights again
 */
export function manualSeed(seed: number): void {
  generator = new RandomGenerator(seed);
}

/**
 * nn's default generator (seed 0 until {@link manualSeed}).
 * @example defaultGenerator().uniform(-1, 1)
 */
export function defaultGenerator(): RandomGenerator {
  return generator;
}
