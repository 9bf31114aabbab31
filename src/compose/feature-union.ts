/**
 * `FeatureUnion`: applies several transformers to the same input and joins
 * their outputs side by side (scikit-learn's `sklearn.pipeline.FeatureUnion`).
 * The transformers are fitted in place (as sklearn does). The output is a
 * `SparseMatrix` when any transformer gives sparse output, else a `Tensor`.
 */
import { ValidationError } from '../base/errors.js';
import { BaseEstimator, type EstimatorConstructor } from '../base/estimator.js';
import type { ParameterConstraints } from '../base/params.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import { SparseMatrix } from '../tensor/sparse.js';
import type { Tensor } from '../tensor/tensor.js';
import { PROXY_Y, shapeProxy } from './column-source.js';
import { type Block, checkBlock, hstack } from './hstack.js';
import { nameEstimators } from './make-pipeline.js';
import { deepParams, forwardParams, type GetParamsOptions, splitParams, validateNames } from './nested-params.js';
import { type ComposeLoadOptions, estimatorLoader, registerEstimator } from './registry.js';
import { type AnyEstimator, describeEstimator, fitTransformOne, hasMethod, tagsOf } from './step-utils.js';

/** One entry: a name and a transformer, `'drop'` or `'passthrough'`. */
export type FeatureUnionEntry = readonly [name: string, transformer: AnyEstimator | 'drop' | 'passthrough'];

/** Options of {@link FeatureUnion}. */
export interface FeatureUnionParams {
  /** The `[name, transformer]` entries. */
  transformerList: readonly FeatureUnionEntry[];
  /** A multiplier per entry name for its output columns. Default `undefined` (all 1). */
  transformerWeights: Readonly<Record<string, number>> | undefined;
  /** Prefix output names with the entry name (`pca__pca0`). Default `true`. */
  verboseFeatureNamesOut: boolean;
}

const DEFAULTS: FeatureUnionParams = {
  transformerList: [],
  transformerWeights: undefined,
  verboseFeatureNamesOut: true,
};
const OWN = Object.keys(DEFAULTS);

function weighted(block: Block, w: number | undefined): Block {
  if (w === undefined || w === 1) return block;
  if (block instanceof SparseMatrix) {
    const copy = block.copy();
    for (let k = 0; k < copy.data.length; k++) copy.data[k] *= w;
    return copy;
  }
  return block.astype('float64').mul(w);
}

/**
 * Concatenates the outputs of several transformers fitted on the same data.
 *
 * @example
 * import { FeatureUnion } from 'typelearn/compose';
 * const union = new FeatureUnion([['scaled', new StandardScaler()], ['raw', 'passthrough']], {
 *   transformerWeights: { scaled: 2 },
 * });
 * const Xt = await union.fitTransform(X); // [2 * scaled X | X]
 * union.getFeatureNamesOut(); // ['scaled__x0', ..., 'raw__x0', ...]
 */
export class FeatureUnion extends BaseEstimator<FeatureUnionParams> {
  static override readonly estimatorName = 'FeatureUnion';

  static override parameterConstraints: ParameterConstraints = {
    transformerList: 'noValidation',
    transformerWeights: 'noValidation',
    verboseFeatureNamesOut: ['boolean'],
  };

  #sparse = false;

  /**
   * @param transformerList - the entries, or the whole params object (as `clone` passes it).
   * @param options - `transformerWeights`, `verboseFeatureNamesOut`.
   */
  constructor(
    transformerList: readonly FeatureUnionEntry[] | Partial<FeatureUnionParams> = {},
    options: Partial<Omit<FeatureUnionParams, 'transformerList'>> = {},
  ) {
    super(
      DEFAULTS,
      Array.isArray(transformerList)
        ? { ...options, transformerList }
        : (transformerList as Partial<FeatureUnionParams>),
    );
  }

  #active(): [string, AnyEstimator | 'passthrough'][] {
    return this.params.transformerList.filter(([, t]) => t !== 'drop' && t !== null) as [
      string,
      AnyEstimator | 'passthrough',
    ][];
  }

  override estimatorTags(): EstimatorTags {
    const tags = this.#active()
      .map(([, t]) => t)
      .filter((t) => typeof t === 'object')
      .map(tagsOf);
    return {
      ...super.estimatorTags(),
      estimatorType: 'transformer',
      allowsNaN: tags.every((t) => t.allowsNaN),
      requiresY: tags.some((t) => t.requiresY),
      nonDeterministic: tags.some((t) => t.nonDeterministic),
      X_types: ['2darray', 'categorical', 'string'],
    };
  }

  override getParams(options: GetParamsOptions = {}): FeatureUnionParams & Record<string, unknown> {
    const shallow = super.getParams() as FeatureUnionParams & Record<string, unknown>;
    return options.deep ? (deepParams({ ...shallow }, this.params.transformerList) as typeof shallow) : shallow;
  }

  /**
   * Updates own options, whole transformers by name, and `name__param`.
   * @example union.setParams({ scaled__withMean: false, raw: 'drop' })
   */
  override setParams(params: Partial<FeatureUnionParams> & Record<string, unknown>): this {
    if ('transformerList' in params) super.setParams({ transformerList: params.transformerList });
    const names = this.params.transformerList.map(([n]) => n);
    const { own, replace, nested } = splitParams(this.estimatorName, params, OWN, names);
    const { transformerList: _, ...rest } = own;
    super.setParams(rest);
    if (replace.size > 0) {
      const transformerList = this.params.transformerList.map(
        ([n, t]) => [n, replace.has(n) ? (replace.get(n) as FeatureUnionEntry[1]) : t] as const,
      );
      super.setParams({ transformerList });
    }
    for (const [name, sub] of nested) {
      forwardParams(this.estimatorName, name, this.params.transformerList.find(([n]) => n === name)?.[1], sub);
    }
    return this;
  }

  protected override validateParams(): void {
    super.validateParams();
    const list = this.params.transformerList;
    if (!Array.isArray(list) || list.some((e) => !Array.isArray(e) || e.length !== 2)) {
      throw new ValidationError(
        "The 'transformerList' parameter of FeatureUnion must be an array of [name, transformer]",
        {
          param: 'transformerList',
          got: list,
        },
      );
    }
    const names = list.map(([n]) => n);
    validateNames(this.estimatorName, names, OWN);
    for (const [, t] of list) {
      if (t === 'drop' || t === 'passthrough' || t === null) continue;
      if (!hasMethod(t, 'fit') || !(hasMethod(t, 'transform') || hasMethod(t, 'fitTransform'))) {
        throw new ValidationError(
          `All estimators should implement fit and transform. '${describeEstimator(t)}' doesn't`,
          { param: 'transformerList', got: t },
        );
      }
    }
    const weights = this.params.transformerWeights;
    if (weights === undefined || weights === null) return;
    for (const [key, w] of Object.entries(weights)) {
      if (!names.includes(key)) {
        throw new ValidationError(
          `Attempting to weight transformer "${key}", but it is not present in transformerList.`,
          { param: 'transformerWeights', got: key },
        );
      }
      if (typeof w !== 'number' || !Number.isFinite(w)) {
        throw new ValidationError(`transformerWeights.${key} must be a finite number, got ${String(w)}`, {
          param: 'transformerWeights',
        });
      }
    }
  }

  #proxy(X: MatrixLike, reset: boolean): number {
    const { proxy, nRows } = shapeProxy(X);
    this.validateData(proxy, reset ? PROXY_Y : undefined, { reset, allowNaN: true });
    return nRows;
  }

  #passthrough(X: MatrixLike): Block {
    return checkArray(X, { allowNaN: true, allowSparse: true, estimatorName: 'FeatureUnion' }).X;
  }

  #fitOutput?: Block;

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): Promise<void> {
    const nRows = this.#proxy(X, true);
    if (nRows === 0) {
      throw new ValidationError('Found array with 0 sample(s) while a minimum of 1 is required.', {
        expected: 1,
        got: 0,
      });
    }
    const weights = this.params.transformerWeights ?? {};
    const blocks: Block[] = [];
    for (const [name, t] of this.#active()) {
      this.throwIfAborted(options.signal);
      const out =
        t === 'passthrough'
          ? this.#passthrough(X)
          : await fitTransformOne(t, X, y, options.signal ? { signal: options.signal } : {});
      blocks.push(weighted(checkBlock(out, nRows, 'FeatureUnion', name), weights[name]));
    }
    if (blocks.length === 0)
      throw new ValidationError('FeatureUnion: every transformer is dropped, there is nothing to fit');
    this.#sparse = blocks.some((b) => b instanceof SparseMatrix);
    this.#fitOutput = hstack(blocks, nRows, this.#sparse);
  }

  /**
   * Fits every transformer and returns the joined outputs of the training data.
   * @example const Xt = await union.fitTransform(X);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options: FitOptions = {}): Promise<Tensor> {
    await this.fit(X, y, options);
    const out = this.#fitOutput as Tensor;
    this.#fitOutput = undefined;
    return out;
  }

  /**
   * Each transformer's output (times its weight), side by side.
   * @example union.transform(X).shape // [nRows, total width]
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const nRows = this.#proxy(X, false);
    const weights = this.params.transformerWeights ?? {};
    const blocks = this.#active().map(([name, t]) => {
      const out = t === 'passthrough' ? this.#passthrough(X) : t.transform(X);
      return weighted(checkBlock(out, nRows, 'FeatureUnion', name), weights[name]);
    });
    return hstack(blocks, nRows, this.#sparse) as Tensor;
  }

  /**
   * Output names: `entry__name` for each transformer's `getFeatureNamesOut`.
   * @example union.getFeatureNamesOut() // ['scaled__x0', 'raw__x0']
   */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    this.checkIsFitted('getFeatureNamesOut');
    const input = inputFeatures
      ? [...inputFeatures]
      : (this.featureNamesIn ?? Array.from({ length: this.nFeaturesIn }, (_, j) => `x${j}`));
    const out: string[] = [];
    for (const [name, t] of this.#active()) {
      let names: string[];
      if (t === 'passthrough') names = input;
      else if (hasMethod(t, 'getFeatureNamesOut')) names = t.getFeatureNamesOut(inputFeatures);
      else
        throw new ValidationError(
          `Transformer ${name} (type ${describeEstimator(t)}) does not provide getFeatureNamesOut.`,
        );
      out.push(...(this.params.verboseFeatureNamesOut ? names.map((f) => `${name}__${f}`) : names));
    }
    return out;
  }

  /**
   * Restores a saved FeatureUnion with its fitted transformers (classes from
   * `options.classes` or the registry).
   * @example FeatureUnion.fromJSON(json, { classes: [StandardScaler] })
   */
  static override fromJSON<T extends BaseEstimator<object>>(
    this: EstimatorConstructor<T>,
    saved: unknown,
    options: ComposeLoadOptions = {},
  ): T {
    const loadEstimator = options.loadEstimator ?? estimatorLoader(options);
    // biome-ignore lint/complexity/noThisInStatic: `this` is the concrete subclass fromJSON was called on
    return BaseEstimator.fromJSON.call(this, saved, { ...options, loadEstimator }) as T;
  }

  protected getState(): Record<string, unknown> {
    return { sparse: this.#sparse };
  }

  protected setState(state: Record<string, unknown>): void {
    this.#sparse = (state as { sparse?: unknown }).sparse === true;
  }
}

/**
 * A {@link FeatureUnion} whose entries are named by lowercased class name
 * (sklearn's `make_union`).
 * @example makeUnion(new StandardScaler(), new MinMaxScaler()).params.transformerList.map(([n]) => n) // ['standardscaler', 'minmaxscaler']
 */
export function makeUnion(...transformers: (AnyEstimator | 'drop' | 'passthrough')[]): FeatureUnion {
  const names = nameEstimators(transformers);
  return new FeatureUnion(transformers.map((t, i) => [names[i], t] as const));
}

registerEstimator(FeatureUnion);
