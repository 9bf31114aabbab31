/**
 * `typelearn/model-selection`: splitters and cross-validation. The full set
 * (stratified and group splitters, `crossValidate`, searches) arrives with #4.
 */

export type { CrossValidatable, CrossValScoreOptions, Splitter } from './cross-val-score.js';
export { crossValScore } from './cross-val-score.js';
export type { KFoldOptions, TrainTestIndices } from './k-fold.js';
export { KFold } from './k-fold.js';
export { StratifiedKFold } from './stratified-k-fold.js';
