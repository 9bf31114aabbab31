/**
 * `ColumnTransformer`: applies a different transformer to each group of
 * columns of a table (or matrix) and concatenates the results side by side
 * (scikit-learn's `sklearn.compose.ColumnTransformer`).
 *
 * Decisions:
 * - The transformers are cloned and the clones fitted (as sklearn does), so
 *   the `transformers` param stays unfitted; the fitted ones are in
 *   `namedTransformers` / `fittedTransformers`.
 * - When fitted on a table and given a table, columns are found by name (extra
 *   or reordered columns are fine, as in sklearn); a needed column that is
 *   missing is a `ValidationError` naming it. Otherwise columns are found by
 *   position and the column count must match.
 * - The output is a float64 `Tensor`, or a CSR `SparseMatrix` when some
 *   transformer gives sparse output and the overall density is below
 *   `sparseThreshold` (decided at fit, kept at transform).
 * - `'passthrough'` columns must be numeric (Tensors hold numbers only).
 * - Column functions are allowed but not saveable; `makeColumnSelector`
 *   selectors are plain data and save fine.
 */

import { clone } from '../base/clone.js';
import { ValidationError } from '../base/errors.js';
import { BaseEstimator, type EstimatorConstructor } from '../base/estimator.js';
import { interval, options, type ParameterConstraints } from '../base/params.js';
import type { EstimatorTags, FitOptions, Labels, MatrixLike } from '../base/types.js';
import { checkArray } from '../base/validation.js';
import type { SparseMatrix } from '../tensor/sparse.js';
import { Tensor } from '../tensor/tensor.js';
import { type ColumnSource, PROXY_Y, readColumnSource } from './column-source.js';
import { type ColumnSpec, resolveColumns } from './column-spec.js';
import { type Block, checkBlock, density, hstack } from './hstack.js';
import { deepParams, forwardParams, type GetParamsOptions, splitParams, validateNames } from './nested-params.js';
import { type ComposeLoadOptions, estimatorLoader, registerEstimator } from './registry.js';
import { type AnyEstimator, describeEstimator, fitTransformOne, hasMethod, tagsOf } from './step-utils.js';

/** One entry: a name, a transformer (or `'drop'`/`'passthrough'`), and its columns. */
export type ColumnTransformerEntry = readonly [
  name: string,
  transformer: AnyEstimator | 'drop' | 'passthrough',
  columns: ColumnSpec,
];

/** A fitted entry: the fitted clone (or `'drop'`/`'passthrough'`) and the columns it got (names for tables, else indices). */
export type FittedColumnEntry = readonly [
  name: string,
  transformer: AnyEstimator | 'drop' | 'passthrough',
  columns: string[] | number[],
];

/** Options of {@link ColumnTransformer}. */
export interface ColumnTransformerParams {
  /** The `[name, transformer, columns]` entries. */
  transformers: readonly ColumnTransformerEntry[];
  /** What happens to columns no entry names: `'drop'` (default), `'passthrough'`, or a transformer for them. */
  remainder: 'drop' | 'passthrough' | AnyEstimator;
  /** Sparse output when some block is sparse and the overall density is below this. Default `0.3`. */
  sparseThreshold: number;
  /** Prefix output names with the entry name (`num__age`). Default `true`. */
  verboseFeatureNamesOut: boolean;
}

const DEFAULTS: ColumnTransformerParams = {
  transformers: [],
  remainder: 'drop',
  sparseThreshold: 0.3,
  verboseFeatureNamesOut: true,
};
const OWN = Object.keys(DEFAULTS);

interface FittedEntry {
  name: string;
  transformer: AnyEstimator | 'drop' | 'passthrough';
  columns: number[];
}

/**
 * Transforms column groups separately and joins the outputs.
 *
 * Fitted attributes: `namedTransformers`, `fittedTransformers` (sklearn's
 * `transformers_`, with the `'remainder'` entry when columns remain),
 * `outputIndices` (each entry's `[start, stop)` in the output), `sparseOutput`.
 *
 * @example
 * import { ColumnTransformer, makeColumnSelector } from 'typelearn/compose';
 * const ct = new ColumnTransformer([
 *   ['num', new StandardScaler(), ['age', 'fare']],
 *   ['cat', new OneHotEncoder({ sparseOutput: false }), makeColumnSelector({ dtypeInclude: 'category' })],
 * ], { remainder: 'drop' });
 * const Xt = await ct.fitTransform(frame);
 * ct.getFeatureNamesOut(); // ['num__age', 'num__fare', 'cat__sex_female', ...]
 */
export class ColumnTransformer extends BaseEstimator<ColumnTransformerParams> {
  static override readonly estimatorName = 'ColumnTransformer';

  static override parameterConstraints: ParameterConstraints = {
    transformers: 'noValidation',
    remainder: [options(['drop', 'passthrough']), 'estimator'],
    sparseThreshold: [interval('real', 0, 1, 'both')],
    verboseFeatureNamesOut: ['boolean'],
  };

  #entries?: FittedEntry[];
  #sparseOutput?: boolean;
  #outputIndices?: Record<string, [number, number]>;

  /**
   * @param transformers - the entries, or the whole params object (as `clone` passes it).
   * @param options - `remainder`, `sparseThreshold`, `verboseFeatureNamesOut`.
   */
  constructor(
    transformers: readonly ColumnTransformerEntry[] | Partial<ColumnTransformerParams> = {},
    options: Partial<Omit<ColumnTransformerParams, 'transformers'>> = {},
  ) {
    super(
      DEFAULTS,
      Array.isArray(transformers) ? { ...options, transformers } : (transformers as Partial<ColumnTransformerParams>),
    );
  }

  #estimators(): AnyEstimator[] {
    const list = this.params.transformers.map(([, t]) => t);
    const all = [...list, this.params.remainder];
    return all.filter((t): t is AnyEstimator => typeof t === 'object' && t !== null);
  }

  override estimatorTags(): EstimatorTags {
    const tags = this.#estimators().map(tagsOf);
    return {
      ...super.estimatorTags(),
      estimatorType: 'transformer',
      allowsNaN: tags.every((t) => t.allowsNaN),
      requiresY: tags.some((t) => t.requiresY),
      nonDeterministic: tags.some((t) => t.nonDeterministic),
      X_types: ['2darray', 'categorical', 'string'],
    };
  }

  override getParams(options: GetParamsOptions = {}): ColumnTransformerParams & Record<string, unknown> {
    const shallow = super.getParams() as ColumnTransformerParams & Record<string, unknown>;
    if (!options.deep) return shallow;
    const named: [string, unknown][] = this.params.transformers.map(([n, t]) => [n, t]);
    const remainder = this.params.remainder;
    if (typeof remainder === 'object' && remainder !== null) named.push(['remainder', remainder]);
    return deepParams({ ...shallow }, named) as ColumnTransformerParams & Record<string, unknown>;
  }

  /**
   * Updates own options, whole transformers by name, and `name__param` (also `remainder__param`).
   * @example ct.setParams({ num__withMean: false, cat: 'drop' })
   */
  override setParams(params: Partial<ColumnTransformerParams> & Record<string, unknown>): this {
    if ('transformers' in params) super.setParams({ transformers: params.transformers });
    const names = this.params.transformers.map(([n]) => n);
    const { own, replace, nested } = splitParams(this.estimatorName, params, OWN, [...names, 'remainder']);
    const { transformers: _, ...rest } = own;
    super.setParams(rest);
    if (replace.size > 0) {
      const transformers = this.params.transformers.map(
        ([n, t, c]) => [n, replace.has(n) ? (replace.get(n) as ColumnTransformerEntry[1]) : t, c] as const,
      );
      super.setParams({ transformers });
    }
    for (const [name, sub] of nested) {
      const target =
        name === 'remainder' ? this.params.remainder : this.params.transformers.find(([n]) => n === name)?.[1];
      forwardParams(this.estimatorName, name, target, sub);
    }
    return this;
  }

  protected override validateParams(): void {
    super.validateParams();
    const list = this.params.transformers;
    if (!Array.isArray(list)) {
      throw new ValidationError(
        "The 'transformers' parameter of ColumnTransformer must be an array of [name, transformer, columns]",
        {
          param: 'transformers',
          got: list,
        },
      );
    }
    list.forEach((entry, i) => {
      if (!Array.isArray(entry) || entry.length !== 3) {
        throw new ValidationError(
          `ColumnTransformer entry ${i} must be [name, transformer, columns], got ${String(entry)}`,
          {
            param: 'transformers',
            got: entry,
          },
        );
      }
      const t = entry[1];
      if (t === 'drop' || t === 'passthrough') return;
      if (!hasMethod(t, 'fit') || !(hasMethod(t, 'transform') || hasMethod(t, 'fitTransform'))) {
        throw new ValidationError(
          `All estimators should implement fit and transform, or can be 'drop' or 'passthrough' specifiers. '${describeEstimator(t)}' (entry '${entry[0]}') doesn't.`,
          { param: 'transformers', got: t },
        );
      }
    });
    validateNames(
      this.estimatorName,
      list.map(([n]) => n),
      [...OWN, 'remainder'],
    );
  }

  protected async fitImpl(X: MatrixLike, y: Labels | undefined, options: FitOptions): Promise<void> {
    if (options.sampleWeight !== undefined) {
      throw new ValidationError('ColumnTransformer.fit does not accept sampleWeight', { param: 'sampleWeight' });
    }
    const source = readColumnSource(X);
    this.#recordInput(source);
    const entries: FittedEntry[] = [];
    const used = new Set<number>();
    for (const [name, transformer, spec] of this.params.transformers) {
      const columns = resolveColumns(spec, X, source, `ColumnTransformer '${name}'`);
      for (const j of columns) used.add(j);
      entries.push({ name, transformer: typeof transformer === 'string' ? transformer : clone(transformer), columns });
    }
    const rest = Array.from({ length: source.nCols }, (_, j) => j).filter((j) => !used.has(j));
    const remainder = this.params.remainder;
    if (rest.length > 0) {
      entries.push({
        name: 'remainder',
        transformer: typeof remainder === 'string' ? remainder : clone(remainder),
        columns: rest,
      });
    }
    const blocks: Block[] = [];
    const outputIndices: Record<string, [number, number]> = {};
    let offset = 0;
    for (const entry of entries) {
      this.throwIfAborted(options.signal);
      let block: Block | undefined;
      if (entry.transformer !== 'drop' && entry.columns.length > 0) {
        const sub = source.select(entry.columns);
        const out =
          entry.transformer === 'passthrough'
            ? this.#passthrough(sub, entry.name)
            : await fitTransformOne(entry.transformer, sub, y, options.signal ? { signal: options.signal } : {});
        block = checkBlock(out, source.nRows, 'ColumnTransformer', entry.name);
        blocks.push(block);
      }
      const width = block?.shape[1] ?? 0;
      outputIndices[entry.name] = [offset, offset + width];
      offset += width;
    }
    this.#entries = entries;
    this.#outputIndices = outputIndices;
    this.#sparseOutput = blocks.some((b) => !(b instanceof Tensor)) && density(blocks) < this.params.sparseThreshold;
    this.#fitOutput = hstack(blocks, source.nRows, this.#sparseOutput);
  }

  #fitOutput?: Tensor | SparseMatrix;

  /** Records nFeaturesIn/featureNamesIn through a one-row stand-in (the input may hold strings). */
  #recordInput(source: ColumnSource): void {
    if (source.nRows === 0) {
      throw new ValidationError(
        `Found array with 0 sample(s) (shape=(0, ${source.nCols})) while a minimum of 1 is required.`,
        {
          expected: 1,
          got: 0,
        },
      );
    }
    const zero = new Float64Array(1);
    const proxy: MatrixLike = source.names
      ? { columnNames: [...source.names], column: () => zero }
      : { data: new Float64Array(source.nCols), shape: [1, source.nCols] };
    this.validateData(proxy, PROXY_Y, { reset: true, allowNaN: true });
  }

  #passthrough(sub: unknown, name: string): Block {
    try {
      return checkArray(sub as MatrixLike, { allowNaN: true, allowSparse: true, estimatorName: 'ColumnTransformer' }).X;
    } catch (cause) {
      throw new ValidationError(`ColumnTransformer '${name}' (passthrough): ${(cause as Error).message}`, { cause });
    }
  }

  /**
   * Fits on `X`, then returns its transform (without transforming twice).
   * @example const Xt = await ct.fitTransform(frame, y);
   */
  async fitTransform(X: MatrixLike, y?: Labels, options: FitOptions = {}): Promise<Tensor> {
    await this.fit(X, y, options);
    const out = this.#fitOutput as Tensor;
    this.#fitOutput = undefined;
    return out;
  }

  /**
   * Transforms each column group with its fitted transformer and joins the
   * results (a `SparseMatrix` when `sparseOutput`).
   * @example ct.transform(testFrame).shape // [nRows, ct.getFeatureNamesOut().length]
   */
  transform(X: MatrixLike): Tensor {
    this.checkIsFitted();
    const entries = this.fitted('fittedTransformers', this.#entries);
    const source = readColumnSource(X);
    const fittedNames = this.featureNamesIn;
    const byName = fittedNames !== undefined && source.names !== undefined;
    if (byName) {
      const needed = entries
        .filter((e) => e.transformer !== 'drop')
        .flatMap((e) => e.columns.map((j) => fittedNames[j]));
      const missing = [...new Set(needed)].filter((n) => !source.names?.includes(n));
      if (missing.length > 0) {
        throw new ValidationError(`columns are missing: ${missing.map((n) => `'${n}'`).join(', ')}`, {
          column: missing[0],
          expected: fittedNames,
          got: [...(source.names ?? [])],
        });
      }
    } else if (source.nCols !== this.nFeaturesIn) {
      throw new ValidationError(
        `X has ${source.nCols} features, but ColumnTransformer is expecting ${this.nFeaturesIn} features as input.`,
        { expected: this.nFeaturesIn, got: source.nCols },
      );
    }
    const blocks: Block[] = [];
    for (const entry of entries) {
      if (entry.transformer === 'drop' || entry.columns.length === 0) continue;
      const sub = byName ? source.selectNames(entry.columns.map((j) => fittedNames[j])) : source.select(entry.columns);
      const out =
        entry.transformer === 'passthrough' ? this.#passthrough(sub, entry.name) : entry.transformer.transform(sub);
      blocks.push(checkBlock(out, source.nRows, 'ColumnTransformer', entry.name));
    }
    return hstack(blocks, source.nRows, this.fitted('sparseOutput', this.#sparseOutput)) as Tensor;
  }

  /** The fitted transformers by name (`'passthrough'`/`'drop'` for those), `remainder` included when columns remained. */
  get namedTransformers(): Record<string, AnyEstimator | 'drop' | 'passthrough'> {
    return Object.fromEntries(this.fitted('namedTransformers', this.#entries).map((e) => [e.name, e.transformer]));
  }

  /** sklearn's `transformers_`: `[name, fitted transformer, columns]`, columns as names when fitted on a table. */
  get fittedTransformers(): FittedColumnEntry[] {
    const names = this.featureNamesIn;
    return this.fitted('fittedTransformers', this.#entries).map(
      (e) => [e.name, e.transformer, names ? e.columns.map((j) => names[j]) : [...e.columns]] as FittedColumnEntry,
    );
  }

  /** Each entry's `[start, stop)` columns in the output (sklearn's `output_indices_`). */
  get outputIndices(): Record<string, [number, number]> {
    return structuredClone(this.fitted('outputIndices', this.#outputIndices));
  }

  /** Whether `transform` returns a `SparseMatrix`. */
  get sparseOutput(): boolean {
    return this.fitted('sparseOutput', this.#sparseOutput);
  }

  /**
   * Output column names: `entry__name` (or just `name` with
   * `verboseFeatureNamesOut: false`, which requires them to be unique).
   * @example ct.getFeatureNamesOut() // ['num__age', 'cat__embarked_S', 'remainder__fare']
   */
  getFeatureNamesOut(inputFeatures?: readonly string[]): string[] {
    this.checkIsFitted('getFeatureNamesOut');
    const n = this.nFeaturesIn;
    const fitted = this.featureNamesIn;
    if (inputFeatures && inputFeatures.length !== n) {
      throw new ValidationError(
        `inputFeatures should have length equal to number of features (${n}), got ${inputFeatures.length}`,
      );
    }
    const input = inputFeatures ? [...inputFeatures] : (fitted ?? Array.from({ length: n }, (_, j) => `x${j}`));
    const out: string[] = [];
    for (const entry of this.fitted('fittedTransformers', this.#entries)) {
      if (entry.transformer === 'drop' || entry.columns.length === 0) continue;
      const cols = entry.columns.map((j) => input[j]);
      let names: string[];
      if (entry.transformer === 'passthrough') names = cols;
      else if (hasMethod(entry.transformer, 'getFeatureNamesOut')) names = entry.transformer.getFeatureNamesOut(cols);
      else {
        throw new ValidationError(
          `Transformer ${entry.name} (type ${describeEstimator(entry.transformer)}) does not provide getFeatureNamesOut.`,
        );
      }
      out.push(...(this.params.verboseFeatureNamesOut ? names.map((f) => `${entry.name}__${f}`) : names));
    }
    if (!this.params.verboseFeatureNamesOut) {
      const dup = out.filter((f, i) => out.indexOf(f) !== i);
      if (dup.length > 0) {
        throw new ValidationError(
          `Output feature names: [${[...new Set(dup)].map((d) => `'${d}'`).join(', ')}] are not unique. Please set verboseFeatureNamesOut: true to add prefixes to feature names.`,
        );
      }
    }
    return out;
  }

  /**
   * Restores a saved ColumnTransformer and its fitted transformers; their classes
   * come from `options.classes` or the registry (see `registry.ts`).
   * @example ColumnTransformer.fromJSON(json, { classes: [StandardScaler, OneHotEncoder] })
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
    return {
      entries: this.#entries?.map((e) => [e.name, e.transformer, Int32Array.from(e.columns)]),
      sparseOutput: this.#sparseOutput,
      outputIndices: this.#outputIndices,
    };
  }

  protected setState(state: Record<string, unknown>): void {
    const raw = (state as { entries?: unknown }).entries;
    if (!Array.isArray(raw)) throw new ValidationError('saved ColumnTransformer: state.entries must be an array');
    this.#entries = raw.map((e, i) => {
      const ok =
        Array.isArray(e) &&
        e.length === 3 &&
        typeof e[0] === 'string' &&
        (e[1] === 'drop' || e[1] === 'passthrough' || hasMethod(e[1], 'transform')) &&
        e[2] instanceof Int32Array;
      if (!ok)
        throw new ValidationError(
          `saved ColumnTransformer: state.entries[${i}] must be [name, transformer, Int32Array]`,
        );
      return { name: e[0], transformer: e[1], columns: Array.from(e[2] as Int32Array) };
    });
    const { sparseOutput, outputIndices } = state as { sparseOutput?: unknown; outputIndices?: unknown };
    if (typeof sparseOutput !== 'boolean')
      throw new ValidationError('saved ColumnTransformer: state.sparseOutput must be a boolean');
    const indices = (outputIndices ?? null) as Record<string, unknown> | null;
    const valid =
      indices !== null &&
      typeof indices === 'object' &&
      Object.values(indices).every((v) => Array.isArray(v) && v.length === 2 && v.every((x) => Number.isInteger(x)));
    if (!valid)
      throw new ValidationError('saved ColumnTransformer: state.outputIndices must map names to [start, stop]');
    this.#sparseOutput = sparseOutput;
    this.#outputIndices = indices as Record<string, [number, number]>;
  }
}

registerEstimator(ColumnTransformer);
