/**
 * `typelearn/naive-bayes`: naive Bayes classifiers (scikit-learn's
 * `sklearn.naive_bayes`): Gaussian for continuous features, Multinomial and
 * Complement for counts, Bernoulli for binary features, Categorical for
 * category indices. All support `partialFit` for data that arrives in batches;
 * Multinomial, Complement and Bernoulli accept `SparseMatrix` input.
 *
 * @example
 * import { GaussianNB } from 'typelearn/naive-bayes';
 * const model = await new GaussianNB().fit(X, y);
 * model.predictProba(Xtest);
 */

export type { DiscreteNBParams } from './base-discrete-nb.js';
export { BaseDiscreteNB } from './base-discrete-nb.js';
export type { NBPartialFitOptions } from './base-nb.js';
export { BaseNB } from './base-nb.js';
export type { BernoulliNBParams } from './bernoulli-nb.js';
export { BernoulliNB } from './bernoulli-nb.js';
export type { CategoricalNBParams } from './categorical-nb.js';
export { CategoricalNB } from './categorical-nb.js';
export type { ComplementNBParams } from './complement-nb.js';
export { ComplementNB } from './complement-nb.js';
export type { GaussianNBParams } from './gaussian-nb.js';
export { GaussianNB } from './gaussian-nb.js';
export type { MultinomialNBParams } from './multinomial-nb.js';
export { MultinomialNB } from './multinomial-nb.js';
