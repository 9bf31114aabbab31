/** Seeded Gaussian blobs for the clustering tests. */
import { RandomGenerator } from '../../src/tensor/random.js';

export function makeBlobs(
  nPerCluster: number,
  centers: number[][],
  std = 0.5,
  seed = 0,
): { X: number[][]; y: number[] } {
  const rng = new RandomGenerator(seed);
  const X: number[][] = [];
  const y: number[] = [];
  centers.forEach((c, k) => {
    for (let i = 0; i < nPerCluster; i++) {
      X.push(c.map((v) => rng.normal(v, std)));
      y.push(k);
    }
  });
  return { X, y };
}
