/**
 * `BaseSGDClassifier`: the linear classifiers trained by stochastic gradient
 * descent (scikit-learn's `BaseSGDClassifier`): SGDClassifier, Perceptron
 * and PassiveAggressiveClassifier are front ends that map their params to
 * {@link SgdSettings}. Two classes fit one ±1 model (positive class
 * `classes[1]`); more fit one-vs-all, one model per class, each from its own
 * seed. `fit` starts from zero (or the previous model with `warmStart`) and
 * runs up to `maxIter` epochs; `partialFit` runs one epoch and keeps the
 * weights, the step counter `t` and the averages between calls.
 *
 * `partialFit` runs through `fit` (the base template keeps the fitted flag
 * private) with a flag saying "continue".
 */
import { ValidationError } from '../../base/errors.js';
import { checkClassificationTargets, columnOrLabels, sortLabels } from '../../base/labels.js';
import { formatValue } from '../../base/params.js';
import type { EstimatorTags, FitOptions, Label, Labels, MatrixLike } from '../../base/types.js';
import { checkArray, checkSampleWeight } from '../../base/validation.js';
import { ConvergenceWarning, warn } from '../../base/warnings.js';
import { checkRandomState, RandomGenerator } from '../../tensor/random.js';
import { computeClassWeight, encodeClassTargets, LinearClassifier } from '../linear-classifier.js';
import { sgdLoss } from './losses.js';
import { plainSgd } from './plain-sgd.js';
import { checkSgdSettings, interceptDecay, type SgdSettings, validationMask, validationScorer } from './sgd-common.js';

/** Options of `partialFit`: those of `fit` plus every class `y` can hold. */
export interface SgdPartialFitOptions extends FitOptions {
  /** All classes, required on the first call (a batch need not hold every class). */
  classes?: readonly Label[] | ArrayLike<number>;
}

const MAX_SEED = 2147483647;

/** Base class of the SGD classifiers; see the module comment. */
export abstract class BaseSGDClassifier<P extends object> extends LinearClassifier<P> {
  #t = 1;
  #nIter?: number;
  #standardCoef?: Float64Array;
  #standardIntercept?: Float64Array;
  #averageCoef?: Float64Array;
  #averageIntercept?: Float64Array;
  // The published coef/intercept, kept here too because warmStart reads them while fit has cleared the fitted flag.
  #outCoef?: Float64Array;
  #outIntercept?: Float64Array;
  #partial?: { classes?: readonly Label[] | ArrayLike<number>; previous?: Label[] };

  /** The resolved SGD settings of the current params. */
  protected abstract sgdSettings(): SgdSettings;

  override estimatorTags(): EstimatorTags {
    return {
      ...super.estimatorTags(),
      estimatorType: 'classifier',
      requiresY: true,
      sparseInput: true,
      partialFit: true,
      X_types: ['2darray', 'sparse'],
    };
  }

  /**
   * One epoch of SGD on a batch, continuing from the current model (the
   * first call starts from zero and needs `classes`). `classWeight:
   * 'balanced'` and `earlyStopping` are not supported here, as in sklearn.
   * @example
   * await model.partialFit(X1, y1, { classes: [0, 1, 2] });
   * await model.partialFit(X2, y2);
   */
  async partialFit(X: MatrixLike, y: Labels, options: SgdPartialFitOptions = {}): Promise<this> {
    const { classes, ...fitOptions } = options;
    const previous = this.isFitted ? this.classes : undefined;
    if (previous !== undefined) {
      // Checked before fit clears the fitted flag, so a bad batch leaves the model as it was.
      const x = checkArray(X, { allowSparse: true, estimatorName: this.estimatorName }).X;
      const width = x.shape.length === 2 ? x.shape[1] : 1;
      if (width !== this.nFeaturesIn) {
        throw new ValidationError(`Number of features ${width} does not match previous data ${this.nFeaturesIn}.`, {
          expected: this.nFeaturesIn,
          got: width,
        });
      }
      this.#partialClasses(classes, previous);
      encodeAgainst(columnOrLabels(y).labels, previous);
    }
    this.#partial = { classes, previous };
    try {
      return await this.fit(X, y, fitOptions);
    } finally {
      this.#partial = undefined;
    }
  }

  protected fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): void {
    const s = this.sgdSettings();
    const partial = this.#partial;
    checkSgdSettings(s, partial !== undefined, this.estimatorName);
    const data = this.validateFitData(X, y, { allowSparse: true, multiOutput: false, yNumeric: false });
    const x = data.X;
    const [m, n] = x.shape as [number, number];
    let classes: Label[];
    let encoded: Int32Array;
    const continuing = partial?.previous !== undefined && this.#standardCoef !== undefined;
    if (partial !== undefined) {
      if (s.classWeight === 'balanced') {
        throw new ValidationError(
          "classWeight 'balanced' is not supported for partialFit: compute the weights with computeClassWeight and pass them as a mapping",
          { param: 'classWeight', got: 'balanced' },
        );
      }
      checkClassificationTargets(data.y);
      classes = this.#partialClasses(partial.classes, partial.previous);
      encoded = encodeAgainst(data.y, classes);
      if (
        continuing &&
        (this.#standardCoef as Float64Array).length !== (classes.length === 2 ? 1 : classes.length) * n
      ) {
        throw new ValidationError(
          `Number of features ${n} does not match previous data ${(this.#standardCoef as Float64Array).length / (classes.length === 2 ? 1 : classes.length)}.`,
          { expected: (this.#standardCoef as Float64Array).length, got: n },
        );
      }
    } else {
      ({ classes, encoded } = encodeClassTargets(data.y, this.estimatorName));
    }
    const k = classes.length;
    const rows = k === 2 ? 1 : k;
    const sw = checkSampleWeight(options.sampleWeight, m);
    const cw = computeClassWeight(s.classWeight, classes, encoded);

    // Starting point: continue (partialFit), warm start (fit), or zeros.
    let coef: Float64Array;
    let intercept: Float64Array;
    let t = 1;
    if (continuing) {
      coef = this.#standardCoef as Float64Array;
      intercept = this.#standardIntercept as Float64Array;
      t = this.#t;
    } else if (partial === undefined && s.warmStart && this.#standardCoef !== undefined) {
      const prevCoef = this.#outCoef;
      const prevIntercept = this.#outIntercept;
      if (prevCoef === undefined || prevCoef.length !== rows * n || prevIntercept?.length !== rows) {
        throw new ValidationError('Provided coef does not match dataset (warmStart with a different shape).', {
          param: 'warmStart',
        });
      }
      coef = Float64Array.from(prevCoef);
      intercept = Float64Array.from(prevIntercept);
    } else {
      coef = new Float64Array(rows * n);
      intercept = new Float64Array(rows);
    }
    const averaging = s.average > 0;
    let averageCoef: Float64Array | undefined = averaging ? new Float64Array(rows * n) : undefined;
    let averageIntercept: Float64Array = new Float64Array(rows);
    if (averaging && continuing && this.#averageCoef && this.#averageIntercept) {
      averageCoef = this.#averageCoef;
      averageIntercept = this.#averageIntercept;
    }

    const rng = checkRandomState(s.randomState);
    const maxIter = partial === undefined ? s.maxIter : 1;
    const loss = sgdLoss(s.loss, s.epsilon);
    const decay = interceptDecay(x);
    const strata = s.earlyStopping ? encoded : undefined;
    const sharedMask = k > 2 && strata ? validationMask(rng, m, s.validationFraction, sw, strata) : undefined;
    const seeds = k > 2 ? Array.from({ length: k }, () => rng.integers(0, MAX_SEED)) : [];
    let nIter = 0;
    for (let r = 0; r < rows; r++) {
      const positive = k === 2 ? 1 : r;
      const yi = new Float64Array(m);
      for (let i = 0; i < m; i++) yi[i] = encoded[i] === positive ? 1 : -1;
      let mask = sharedMask;
      if (k === 2 && s.earlyStopping) {
        const pm = new Int32Array(m);
        for (let i = 0; i < m; i++) pm[i] = yi[i] > 0 ? 1 : 0;
        mask = validationMask(rng, m, s.validationFraction, sw, pm);
      }
      const res = plainSgd(
        x,
        yi,
        sw,
        coef.subarray(r * n, r * n + n),
        intercept[r],
        averageCoef?.subarray(r * n, r * n + n),
        averageIntercept[r],
        {
          loss,
          penalty: s.penalty,
          alpha: s.alpha,
          C: s.C,
          l1Ratio: s.l1Ratio,
          learningRate: s.learningRate,
          eta0: s.eta0,
          powerT: s.powerT,
          maxIter,
          tol: s.tol === null ? Number.NEGATIVE_INFINITY : s.tol,
          nIterNoChange: s.nIterNoChange,
          fitIntercept: s.fitIntercept,
          shuffle: s.shuffle,
          rng: k > 2 ? new RandomGenerator(seeds[r]) : rng,
          weightPos: k === 2 ? cw[1] : cw[r],
          weightNeg: k === 2 ? cw[0] : 1,
          t,
          interceptDecay: decay,
          average: s.average,
          validationMask: mask,
          validationScore: mask ? validationScorer(x, yi, sw, mask, true) : undefined,
        },
      );
      intercept[r] = res.intercept;
      averageIntercept[r] = res.averageIntercept;
      nIter = Math.max(nIter, res.nIter);
    }
    t += nIter * m;
    const useAverage = averaging && s.average <= t - 1;
    this.#standardCoef = coef;
    this.#standardIntercept = intercept;
    this.#averageCoef = averageCoef;
    this.#averageIntercept = averaging ? averageIntercept : undefined;
    this.#t = t;
    this.#nIter = nIter;
    const outCoef = Float64Array.from(useAverage ? (averageCoef as Float64Array) : coef);
    const outIntercept = Float64Array.from(useAverage ? averageIntercept : intercept);
    this.setLinearState(outCoef, outIntercept, classes);
    this.#outCoef = outCoef;
    this.#outIntercept = outIntercept;
    if (partial === undefined && s.tol !== null && nIter === s.maxIter) {
      warn(
        new ConvergenceWarning(
          `${this.estimatorName}: maximum number of iterations (maxIter=${s.maxIter}) reached before convergence. Consider increasing maxIter to improve the fit.`,
        ),
      );
    }
  }

  #partialClasses(given: readonly Label[] | ArrayLike<number> | undefined, previous: Label[] | undefined): Label[] {
    if (previous !== undefined) {
      if (given !== undefined) {
        const list = sortLabels([...new Set(Array.from(given as ArrayLike<Label>))]);
        if (list.length !== previous.length || list.some((c, i) => c !== previous[i])) {
          throw new ValidationError(
            `\`classes=${formatValue(list)}\` is not the same as on last call to partialFit, was: ${formatValue(previous)}`,
            { param: 'classes' },
          );
        }
      }
      return previous;
    }
    if (given === undefined) {
      throw new ValidationError('classes must be passed on the first call to partialFit.', { param: 'classes' });
    }
    const list = sortLabels([...new Set(Array.from(given as ArrayLike<Label>))]);
    if (list.length < 2) {
      throw new ValidationError(`The number of classes has to be greater than one; got ${list.length} class`, {
        param: 'classes',
        got: list,
      });
    }
    return list;
  }

  /** Epochs run by the last `fit`/`partialFit` (the most over the one-vs-all models; sklearn's `n_iter_`). */
  get nIter(): number {
    return this.fitted('nIter', this.#nIter);
  }

  /** Training steps taken so far plus one (sklearn's `t_`). */
  get t(): number {
    this.checkIsFitted('t');
    return this.#t;
  }

  protected getState(): Record<string, unknown> {
    return {
      ...this.linearState(),
      nIter: this.#nIter,
      t: this.#t,
      standardCoef: this.#standardCoef,
      standardIntercept: this.#standardIntercept,
      averageCoef: this.#averageCoef ?? null,
      averageIntercept: this.#averageIntercept ?? null,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const r = this.readLinearState(state);
    this.#outCoef = r.float64Array('coef');
    this.#outIntercept = r.float64Array('intercept');
    this.#nIter = r.number('nIter', { integer: true, min: 0 });
    this.#t = r.number('t', { min: 1 });
    const coefLength = this.coefLengthFromState(state);
    this.#standardCoef = r.float64Array('standardCoef', coefLength);
    this.#standardIntercept = r.float64Array('standardIntercept');
    this.#averageCoef = state.averageCoef === null ? undefined : r.float64Array('averageCoef', coefLength);
    this.#averageIntercept = state.averageIntercept === null ? undefined : r.float64Array('averageIntercept');
  }

  private coefLengthFromState(state: Record<string, unknown>): number {
    const coef = state.coef;
    return ArrayBuffer.isView(coef) || Array.isArray(coef) ? (coef as ArrayLike<number>).length : 0;
  }
}

/** Class index of each label in `classes`; unknown labels are a `ValidationError`. */
function encodeAgainst(y: Float64Array | string[], classes: Label[]): Int32Array {
  const index = new Map<Label, number>();
  for (let i = 0; i < classes.length; i++) index.set(classes[i], i);
  const out = new Int32Array(y.length);
  const unknown = new Set<Label>();
  for (let i = 0; i < y.length; i++) {
    const c = index.get(y[i]);
    if (c === undefined) unknown.add(y[i]);
    else out[i] = c;
  }
  if (unknown.size > 0) {
    throw new ValidationError(
      `The target label(s) ${formatValue(sortLabels([...unknown]))} in y do not exist in the initial classes ${formatValue(classes)}`,
      { expected: classes.slice(), got: [...unknown] },
    );
  }
  return out;
}
