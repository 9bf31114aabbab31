/**
 * `typelearn/svm`: support vector machines as in scikit-learn's `sklearn.svm`.
 * Kernel models on libsvm's SMO solver (`SVC`, `NuSVC`, `SVR`, `NuSVR`,
 * `OneClassSVM`) and linear models on liblinear's coordinate descent
 * (`LinearSVC`, `LinearSVR`).
 *
 * @example
 * import { SVC } from 'typelearn/svm';
 * const model = await new SVC({ C: 1, kernel: 'rbf' }).fit(X, y);
 * model.predict(X);
 */

/** Class weights of SVC/LinearSVC (the same type as the linear classifiers'). */
export type { ClassWeight as SvmClassWeight } from '../base/class-weight.js';
export type { LibSvmParams } from './base-libsvm.js';
export type { KernelName } from './kernels.js';
export type { LinearSVCParams } from './linear-svc.js';
export { LinearSVC } from './linear-svc.js';
export type { LinearSVRParams } from './linear-svr.js';
export { LinearSVR } from './linear-svr.js';
export type { OneClassSVMParams } from './one-class-svm.js';
export { OneClassSVM } from './one-class-svm.js';
export type { BaseSVCParams, NuSVCParams, SVCParams } from './svc.js';
export { NuSVC, SVC } from './svc.js';
export type { NuSVRParams, SVRParams } from './svr.js';
export { NuSVR, SVR } from './svr.js';
