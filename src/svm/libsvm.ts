/**
 * libsvm's training driver as scikit-learn builds it: the five formulations
 * (C-SVC, ν-SVC, one-class, ε-SVR, ν-SVR) on top of {@link solveSmo},
 * one-vs-one multiclass training with classes sorted, per-class and
 * per-sample weights scaling C, zero-weight samples dropped, and Platt
 * probabilities from 5-fold cross-validated decision values (seeded libsvm
 * Mersenne Twister, so scikit-learn's folds are reproduced for integer seeds).
 */
import { ValidationError } from '../base/errors.js';
import { type KernelParams, kernelMatrix, TrainingKernel } from './kernels.js';
import type { Mt19937 } from './mt19937.js';
import { SvcQ, SvrQ } from './q-matrix.js';
import { solveSmo } from './smo.js';

/** The libsvm formulations. */
export type SvmType = 'c_svc' | 'nu_svc' | 'one_class' | 'epsilon_svr' | 'nu_svr';

/** Training rows: `l × d` row-major `x`, targets, sample weights and original row indices. */
export interface SvmProblem {
  x: Float64Array;
  l: number;
  d: number;
  y: Float64Array;
  W: Float64Array;
  /** Original index of each row (what `support` reports; the kernel column for `precomputed`). */
  ind: Int32Array;
}

/** Training parameters (libsvm's `svm_parameter`). */
export interface SvmParameter {
  svmType: SvmType;
  kernel: KernelParams;
  C: number;
  nu: number;
  /** ε of ε-SVR (libsvm's `p`). */
  epsilon: number;
  /** Stopping tolerance (libsvm's `eps`). */
  tol: number;
  shrinking: boolean;
  /** Kernel cache in MB. */
  cacheSize: number;
  /** `-1` for no limit. */
  maxIter: number;
  probability: boolean;
  /** Weight of each class label value (multiplies C); missing labels weigh 1. */
  classWeight: Map<number, number>;
  /** Seed of the Mersenne Twister, `-1` to leave it alone. */
  randomSeed: number;
  signal?: AbortSignal;
}

/** A trained libsvm model (`svm_model`), support vectors copied out of the problem. */
export interface SvmModel {
  nrClass: number;
  /** Label value of each class, sorted (classification only). */
  labels: number[];
  /** ρ of each one-vs-one pair (one value for regression and one-class). */
  rho: Float64Array;
  probA?: Float64Array;
  probB?: Float64Array;
  /** Support vectors per class (classification), or `[nSV]`. */
  nSV: Int32Array;
  /** `nSV × d` support vectors, grouped by class. */
  sv: Float64Array;
  /** Original row index of each support vector. */
  svInd: Int32Array;
  /** `(nrClass - 1) × nSV` dual coefficients (one row for regression/one-class). */
  svCoef: Float64Array;
  /** Solver iterations per trained sub-problem. */
  nIter: Int32Array;
  /** Whether some solver stopped at `maxIter`. */
  timedOut: boolean;
}

interface TrainedFunction {
  alpha: Float64Array;
  rho: number;
  nIter: number;
  timedOut: boolean;
}

function subset(prob: SvmProblem, rows: ArrayLike<number>, y?: Float64Array): SvmProblem {
  const { d } = prob;
  const l = rows.length;
  const x = new Float64Array(l * d);
  const yy = new Float64Array(l);
  const W = new Float64Array(l);
  const ind = new Int32Array(l);
  for (let k = 0; k < l; k++) {
    const r = rows[k];
    x.set(prob.x.subarray(r * d, r * d + d), k * d);
    yy[k] = y ? y[k] : prob.y[r];
    W[k] = prob.W[r];
    ind[k] = prob.ind[r];
  }
  return { x, l, d, y: yy, W, ind };
}

function trainOne(prob: SvmProblem, param: SvmParameter, Cp: number, Cn: number): TrainedFunction {
  const { l, d } = prob;
  const opts = { eps: param.tol, shrinking: param.shrinking, maxIter: param.maxIter, signal: param.signal };
  const kernel = () => new TrainingKernel(param.kernel, prob.x, l, d, prob.ind);
  switch (param.svmType) {
    case 'c_svc': {
      const y = new Int8Array(l);
      const C = new Float64Array(l);
      const p = new Float64Array(l).fill(-1);
      for (let i = 0; i < l; i++) {
        y[i] = prob.y[i] > 0 ? 1 : -1;
        C[i] = prob.W[i] * (y[i] > 0 ? Cp : Cn);
      }
      const s = solveSmo(new SvcQ(kernel(), y, param.cacheSize), p, y, new Float64Array(l), C, { ...opts, nu: false });
      for (let i = 0; i < l; i++) s.alpha[i] *= y[i];
      return { alpha: s.alpha, rho: s.rho, nIter: s.nIter, timedOut: s.timedOut };
    }
    case 'nu_svc': {
      const y = new Int8Array(l);
      const C = new Float64Array(l);
      let nuL = 0;
      for (let i = 0; i < l; i++) {
        y[i] = prob.y[i] > 0 ? 1 : -1;
        C[i] = prob.W[i];
        nuL += param.nu * C[i];
      }
      let sumPos = nuL / 2;
      let sumNeg = nuL / 2;
      const alpha = new Float64Array(l);
      for (let i = 0; i < l; i++) {
        if (y[i] === 1) {
          alpha[i] = Math.min(C[i], sumPos);
          sumPos -= alpha[i];
        } else {
          alpha[i] = Math.min(C[i], sumNeg);
          sumNeg -= alpha[i];
        }
      }
      const s = solveSmo(new SvcQ(kernel(), y, param.cacheSize), new Float64Array(l), y, alpha, C, {
        ...opts,
        nu: true,
      });
      const r = s.r;
      for (let i = 0; i < l; i++) s.alpha[i] *= y[i] / r;
      return { alpha: s.alpha, rho: s.rho / r, nIter: s.nIter, timedOut: s.timedOut };
    }
    case 'one_class': {
      const C = prob.W.slice();
      let nuL = 0;
      for (let i = 0; i < l; i++) nuL += C[i] * param.nu;
      const alpha = new Float64Array(l);
      for (let i = 0; nuL > 0 && i < l; i++) {
        alpha[i] = Math.min(C[i], nuL);
        nuL -= alpha[i];
      }
      const ones = new Int8Array(l).fill(1);
      const s = solveSmo(new SvcQ(kernel(), ones, param.cacheSize), new Float64Array(l), ones, alpha, C, {
        ...opts,
        nu: false,
      });
      return { alpha: s.alpha, rho: s.rho, nIter: s.nIter, timedOut: s.timedOut };
    }
    case 'epsilon_svr': {
      const p = new Float64Array(2 * l);
      const y = new Int8Array(2 * l);
      const C = new Float64Array(2 * l);
      for (let i = 0; i < l; i++) {
        p[i] = param.epsilon - prob.y[i];
        y[i] = 1;
        C[i] = prob.W[i] * param.C;
        p[i + l] = param.epsilon + prob.y[i];
        y[i + l] = -1;
        C[i + l] = C[i];
      }
      const s = solveSmo(new SvrQ(kernel(), l, param.cacheSize), p, y, new Float64Array(2 * l), C, {
        ...opts,
        nu: false,
      });
      const alpha = new Float64Array(l);
      for (let i = 0; i < l; i++) alpha[i] = s.alpha[i] - s.alpha[i + l];
      return { alpha, rho: s.rho, nIter: s.nIter, timedOut: s.timedOut };
    }
    default: {
      const C = new Float64Array(2 * l);
      let sum = 0;
      for (let i = 0; i < l; i++) {
        C[i] = prob.W[i] * param.C;
        C[i + l] = C[i];
        sum += C[i] * param.nu;
      }
      sum /= 2;
      const alpha2 = new Float64Array(2 * l);
      const p = new Float64Array(2 * l);
      const y = new Int8Array(2 * l);
      for (let i = 0; i < l; i++) {
        alpha2[i] = Math.min(sum, C[i]);
        alpha2[i + l] = alpha2[i];
        sum -= alpha2[i];
        p[i] = -prob.y[i];
        y[i] = 1;
        p[i + l] = prob.y[i];
        y[i + l] = -1;
      }
      const s = solveSmo(new SvrQ(kernel(), l, param.cacheSize), p, y, alpha2, C, { ...opts, nu: true });
      const alpha = new Float64Array(l);
      for (let i = 0; i < l; i++) alpha[i] = s.alpha[i] - s.alpha[i + l];
      return { alpha, rho: s.rho, nIter: s.nIter, timedOut: s.timedOut };
    }
  }
}

/** Platt's sigmoid fit (Lin, Lin & Weng 2007): A, B with P(y=1|f) = 1/(1+exp(A f + B)). */
function sigmoidTrain(dec: Float64Array, labels: Float64Array): [number, number] {
  const l = dec.length;
  let prior1 = 0;
  let prior0 = 0;
  for (let i = 0; i < l; i++) {
    if (labels[i] > 0) prior1++;
    else prior0++;
  }
  const maxIter = 100;
  const minStep = 1e-10;
  const sigma = 1e-12;
  const eps = 1e-5;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = new Float64Array(l);
  let A = 0;
  let B = Math.log((prior0 + 1) / (prior1 + 1));
  let fval = 0;
  for (let i = 0; i < l; i++) {
    t[i] = labels[i] > 0 ? hi : lo;
    const f = dec[i] * A + B;
    fval += f >= 0 ? t[i] * f + Math.log(1 + Math.exp(-f)) : (t[i] - 1) * f + Math.log(1 + Math.exp(f));
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < l; i++) {
      const f = dec[i] * A + B;
      let p: number;
      let q: number;
      if (f >= 0) {
        p = Math.exp(-f) / (1 + Math.exp(-f));
        q = 1 / (1 + Math.exp(-f));
      } else {
        p = 1 / (1 + Math.exp(f));
        q = Math.exp(f) / (1 + Math.exp(f));
      }
      const d2 = p * q;
      h11 += dec[i] * dec[i] * d2;
      h22 += d2;
      h21 += dec[i] * d2;
      const d1 = t[i] - p;
      g1 += dec[i] * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < eps && Math.abs(g2) < eps) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= minStep) {
      const newA = A + step * dA;
      const newB = B + step * dB;
      let newf = 0;
      for (let i = 0; i < l; i++) {
        const f = dec[i] * newA + newB;
        newf += f >= 0 ? t[i] * f + Math.log(1 + Math.exp(-f)) : (t[i] - 1) * f + Math.log(1 + Math.exp(f));
      }
      if (newf < fval + 0.0001 * step * gd) {
        A = newA;
        B = newB;
        fval = newf;
        break;
      }
      step /= 2;
    }
    if (step < minStep) break;
  }
  return [A, B];
}

/**
 * Platt's sigmoid 1/(1+exp(A f + B)), computed without cancellation.
 * @example sigmoidPredict(0, -1, 0) // 0.5
 */
export function sigmoidPredict(f: number, A: number, B: number): number {
  const z = f * A + B;
  return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
}

/**
 * Pairwise coupling, method 2 of Wu, Lin & Weng (2004): class probabilities `p`
 * (length k) from pairwise probabilities `r[i*k + j]` = P(i | i or j).
 * @example multiclassProbability(2, Float64Array.of(0, 0.8, 0.2, 0), new Float64Array(2))
 */
export function multiclassProbability(k: number, r: Float64Array, p: Float64Array): void {
  const maxIter = Math.max(100, k);
  const Q = new Float64Array(k * k);
  const Qp = new Float64Array(k);
  const eps = 0.005 / k;
  for (let t = 0; t < k; t++) {
    p[t] = 1 / k;
    Q[t * k + t] = 0;
    for (let j = 0; j < t; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t];
      Q[t * k + j] = Q[j * k + t];
    }
    for (let j = t + 1; j < k; j++) {
      Q[t * k + t] += r[j * k + t] * r[j * k + t];
      Q[t * k + j] = -r[j * k + t] * r[t * k + j];
    }
  }
  for (let iter = 0; iter < maxIter; iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      Qp[t] = 0;
      for (let j = 0; j < k; j++) Qp[t] += Q[t * k + j] * p[j];
      pQp += p[t] * Qp[t];
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(Qp[t] - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-Qp[t] + pQp) / Q[t * k + t];
      p[t] += diff;
      pQp = (pQp + diff * (diff * Q[t * k + t] + 2 * Qp[t])) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        Qp[j] = (Qp[j] + diff * Q[t * k + j]) / (1 + diff);
        p[j] /= 1 + diff;
      }
    }
  }
}

function binarySvcProbability(
  prob: SvmProblem,
  param: SvmParameter,
  Cp: number,
  Cn: number,
  mt: Mt19937,
): [number, number] {
  const l = prob.l;
  const nrFold = 5;
  const perm = new Int32Array(l);
  const dec = new Float64Array(l);
  for (let i = 0; i < l; i++) perm[i] = i;
  for (let i = 0; i < l; i++) {
    const j = i + mt.boundedRandInt(l - i);
    const t = perm[i];
    perm[i] = perm[j];
    perm[j] = t;
  }
  for (let f = 0; f < nrFold; f++) {
    const begin = Math.floor((f * l) / nrFold);
    const end = Math.floor(((f + 1) * l) / nrFold);
    const rows: number[] = [];
    for (let j = 0; j < begin; j++) rows.push(perm[j]);
    for (let j = end; j < l; j++) rows.push(perm[j]);
    const sub = subset(prob, rows);
    let pCount = 0;
    let nCount = 0;
    for (let j = 0; j < sub.l; j++) {
      if (sub.y[j] > 0) pCount++;
      else nCount++;
    }
    if (pCount === 0 || nCount === 0) {
      const v = pCount === 0 && nCount === 0 ? 0 : pCount > 0 ? 1 : -1;
      for (let j = begin; j < end; j++) dec[perm[j]] = v;
      continue;
    }
    const subParam: SvmParameter = {
      ...param,
      probability: false,
      C: 1,
      classWeight: new Map([
        [1, Cp],
        [-1, Cn],
      ]),
    };
    const model = svmTrain(sub, subParam, mt);
    const test = subset(prob, perm.subarray(begin, end));
    const values = svmDecisionValues(model, param.kernel, test.x, test.l, test.d);
    for (let j = begin; j < end; j++) dec[perm[j]] = values[j - begin] * model.labels[0];
  }
  return sigmoidTrain(dec, prob.y);
}

/** Groups rows by class (labels sorted ascending, rows in index order within a class). */
function groupClasses(y: Float64Array): { labels: number[]; start: number[]; count: number[]; perm: Int32Array } {
  const labels = [...new Set(y)].sort((a, b) => a - b);
  const index = new Map(labels.map((v, i) => [v, i]));
  const count = new Array<number>(labels.length).fill(0);
  for (const v of y) count[index.get(v) as number]++;
  const start = new Array<number>(labels.length).fill(0);
  for (let i = 1; i < labels.length; i++) start[i] = start[i - 1] + count[i - 1];
  const fill = start.slice();
  const perm = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) perm[fill[index.get(y[i]) as number]++] = i;
  return { labels, start, count, perm };
}

/**
 * Trains a libsvm model (`svm_train`). `mt` is libsvm's generator; it is
 * reseeded from `param.randomSeed` first, as scikit-learn's libsvm does.
 * Throws a {@link ValidationError} when no sample has a positive weight or
 * when ν is infeasible for ν-SVC.
 * @example const model = svmTrain(prob, param, new Mt19937());
 */
export function svmTrain(problem: SvmProblem, param: SvmParameter, mt: Mt19937): SvmModel {
  const keep: number[] = [];
  for (let i = 0; i < problem.l; i++) if (problem.W[i] > 0) keep.push(i);
  if (keep.length === 0) throw new ValidationError('Invalid input - all samples have zero or negative weights.');
  const prob = keep.length === problem.l ? problem : subset(problem, keep);
  if (param.randomSeed >= 0) mt.seed(param.randomSeed);
  if (param.svmType === 'one_class' || param.svmType === 'epsilon_svr' || param.svmType === 'nu_svr') {
    const f = trainOne(prob, param, 0, 0);
    const rows: number[] = [];
    for (let i = 0; i < prob.l; i++) if (Math.abs(f.alpha[i]) > 0) rows.push(i);
    const sv = subset(prob, rows);
    return {
      nrClass: 2,
      labels: [],
      rho: Float64Array.of(f.rho),
      nSV: Int32Array.of(rows.length),
      sv: sv.x,
      svInd: sv.ind,
      svCoef: Float64Array.from(rows, (i) => f.alpha[i]),
      nIter: Int32Array.of(f.nIter),
      timedOut: f.timedOut,
    };
  }
  const { labels, start, count, perm } = groupClasses(prob.y);
  const k = labels.length;
  if (k < 2) throw new ValidationError('Invalid input - all samples with positive weights have the same label.');
  const grouped = subset(prob, perm);
  if (param.svmType === 'nu_svc') {
    const wsum = new Float64Array(k);
    for (let c = 0; c < k; c++) for (let r = start[c]; r < start[c] + count[c]; r++) wsum[c] += grouped.W[r];
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++) {
        if ((param.nu * (wsum[a] + wsum[b])) / 2 > Math.min(wsum[a], wsum[b])) {
          throw new ValidationError('specified nu is infeasible', { param: 'nu', got: param.nu });
        }
      }
    }
  }
  const weightedC = labels.map((v) => param.C * (param.classWeight.get(v) ?? 1));
  const nonzero = new Uint8Array(prob.l);
  const nPairs = (k * (k - 1)) / 2;
  const fs: TrainedFunction[] = [];
  const probA = param.probability ? new Float64Array(nPairs) : undefined;
  const probB = param.probability ? new Float64Array(nPairs) : undefined;
  let p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const rows: number[] = [];
      const y: number[] = [];
      for (let r = 0; r < count[i]; r++) {
        rows.push(start[i] + r);
        y.push(1);
      }
      for (let r = 0; r < count[j]; r++) {
        rows.push(start[j] + r);
        y.push(-1);
      }
      const sub = subset(grouped, rows, Float64Array.from(y));
      if (probA && probB) {
        [probA[p], probB[p]] = binarySvcProbability(sub, param, weightedC[i], weightedC[j], mt);
      }
      const f = trainOne(sub, param, weightedC[i], weightedC[j]);
      for (let r = 0; r < count[i]; r++) if (Math.abs(f.alpha[r]) > 0) nonzero[start[i] + r] = 1;
      for (let r = 0; r < count[j]; r++) if (Math.abs(f.alpha[count[i] + r]) > 0) nonzero[start[j] + r] = 1;
      fs.push(f);
      p++;
    }
  }
  const nSV = new Int32Array(k);
  for (let c = 0; c < k; c++) for (let r = 0; r < count[c]; r++) if (nonzero[start[c] + r]) nSV[c]++;
  const svRows: number[] = [];
  for (let r = 0; r < prob.l; r++) if (nonzero[r]) svRows.push(r);
  const total = svRows.length;
  const nzStart = new Int32Array(k);
  for (let c = 1; c < k; c++) nzStart[c] = nzStart[c - 1] + nSV[c - 1];
  const svCoef = new Float64Array((k - 1) * total);
  p = 0;
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const f = fs[p++];
      let q = nzStart[i];
      for (let r = 0; r < count[i]; r++) if (nonzero[start[i] + r]) svCoef[(j - 1) * total + q++] = f.alpha[r];
      q = nzStart[j];
      for (let r = 0; r < count[j]; r++) {
        if (nonzero[start[j] + r]) svCoef[i * total + q++] = f.alpha[count[i] + r];
      }
    }
  }
  const sv = subset(grouped, svRows);
  const model: SvmModel = {
    nrClass: k,
    labels,
    rho: Float64Array.from(fs, (f) => f.rho),
    nSV,
    sv: sv.x,
    svInd: sv.ind,
    svCoef,
    nIter: Int32Array.from(fs, (f) => f.nIter),
    timedOut: fs.some((f) => f.timedOut),
  };
  if (probA && probB) {
    model.probA = probA;
    model.probB = probB;
  }
  return model;
}

/**
 * libsvm's raw decision values for `m` query rows: `m × nPairs` (one-vs-one
 * order (0,1), (0,2), ..., positive means the first class of the pair) for
 * classification, `m` values for regression and one-class.
 * @example svmDecisionValues(model, kernel, x, m, d)
 */
export function svmDecisionValues(
  model: SvmModel,
  kernel: KernelParams,
  x: Float64Array,
  m: number,
  d: number,
): Float64Array {
  const total = model.svInd.length;
  const K = kernelMatrix(kernel, x, m, model.sv, total, d, model.svInd);
  if (model.labels.length === 0) {
    const out = new Float64Array(m);
    const coef = model.svCoef;
    const rho = model.rho[0];
    for (let r = 0; r < m; r++) {
      let s = 0;
      for (let c = 0, base = r * total; c < total; c++) s += coef[c] * K[base + c];
      out[r] = s - rho;
    }
    return out;
  }
  const k = model.nrClass;
  const nPairs = (k * (k - 1)) / 2;
  const start = new Int32Array(k);
  for (let c = 1; c < k; c++) start[c] = start[c - 1] + model.nSV[c - 1];
  const out = new Float64Array(m * nPairs);
  const coef = model.svCoef;
  for (let r = 0; r < m; r++) {
    const base = r * total;
    let p = 0;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        let s = 0;
        const c1 = (j - 1) * total;
        const c2 = i * total;
        for (let t = start[i], e = t + model.nSV[i]; t < e; t++) s += coef[c1 + t] * K[base + t];
        for (let t = start[j], e = t + model.nSV[j]; t < e; t++) s += coef[c2 + t] * K[base + t];
        out[r * nPairs + p] = s - model.rho[p];
        p++;
      }
    }
  }
  return out;
}
