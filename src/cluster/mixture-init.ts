/**
 * Initial responsibilities of the Gaussian mixtures (sklearn's
 * `BaseMixture._initialize_parameters`), shared by GaussianMixture and
 * BayesianGaussianMixture.
 */
import type { RandomGenerator } from '../tensor/random.js';
import { Tensor } from '../tensor/tensor.js';
import { KMeans } from './kmeans.js';
import { rowSquaredNorms } from './kmeans-common.js';
import { kmeansPlusPlus } from './kmeans-init.js';

/** How a mixture's first responsibilities are drawn. */
export type MixtureInit = 'kmeans' | 'k-means++' | 'random' | 'random_from_data';

/**
 * `n x k` responsibilities: one-hot KMeans labels (`'kmeans'`), one-hot k-means++ or random
 * seed rows (`'k-means++'`, `'random_from_data'`), or uniform draws normalised per row (`'random'`).
 * @example const resp = await initialResponsibilities(x, n, d, 3, 'kmeans', rng);
 */
export async function initialResponsibilities(
  x: Float64Array,
  n: number,
  d: number,
  k: number,
  method: MixtureInit,
  rng: RandomGenerator,
): Promise<Float64Array> {
  const resp = new Float64Array(n * k);
  switch (method) {
    case 'kmeans': {
      const { labels } = await new KMeans({ nClusters: k, nInit: 1, randomState: rng }).fit(new Tensor(x, [n, d]));
      for (let i = 0; i < n; i++) resp[i * k + labels[i]] = 1;
      break;
    }
    case 'random': {
      rng.fillUniform(resp);
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let c = 0; c < k; c++) s += resp[i * k + c];
        for (let c = 0; c < k; c++) resp[i * k + c] /= s;
      }
      break;
    }
    case 'random_from_data': {
      const idx = rng.choice(n, { size: k, replace: false });
      for (let c = 0; c < k; c++) resp[idx[c] * k + c] = 1;
      break;
    }
    case 'k-means++': {
      const { indices } = kmeansPlusPlus(x, n, d, k, rowSquaredNorms(x, n, d), rng);
      for (let c = 0; c < k; c++) resp[indices[c] * k + c] = 1;
      break;
    }
  }
  return resp;
}
