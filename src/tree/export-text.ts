/**
 * `exportText`: a fitted tree's rules as indented text, in scikit-learn's
 * `sklearn.tree.export_text` format, and `formatPyFloat`, Python's `str()`
 * of a float (which the exporters need to print numbers as sklearn does).
 */
import { ValidationError } from '../base/errors.js';
import type { Label } from '../base/types.js';
import { TREE_LEAF, type Tree } from './tree-structure.js';

/** What the exporters need from a fitted tree estimator. */
export interface ExportableTree {
  readonly tree: Tree;
  readonly nFeaturesIn: number;
  readonly featureNamesIn?: string[];
  readonly classes?: Label[];
  readonly params: { readonly criterion?: string };
  estimatorTags(): { estimatorType: string };
}

/** Options of {@link exportText} (sklearn's names, camelCase). */
export interface ExportTextOptions {
  /** One name per feature. Default: the fitted `featureNamesIn`, else `feature_0`, `feature_1`, ... */
  featureNames?: readonly string[];
  /** Class names to print instead of the class labels (classifiers). */
  classNames?: readonly string[];
  /** Deeper branches are summarised as "truncated branch of depth d". Default 10. */
  maxDepth?: number;
  /** Width of one indentation level. Default 3. */
  spacing?: number;
  /** Digits after the decimal point for thresholds and values. Default 2. */
  decimals?: number;
  /** Print the (weighted) class counts at the leaves. Default `false`. */
  showWeights?: boolean;
}

/**
 * Python's `str(x)` for a float: shortest round-trip digits, always with a
 * decimal point or exponent (`50.0`, `0.667`, `1e-05`).
 * @example formatPyFloat(50) // '50.0'
 */
export function formatPyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (Object.is(x, -0)) return '-0.0';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const abs = Math.abs(x);
  if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
    // Python: 1e-05, 1.5e+16 (exponent with sign and at least two digits).
    const [m, e] = x.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(x);
  return Number.isInteger(x) ? `${s}.0` : s;
}

/** Names of the features, from the options, the fit, or `prefix{i}`. */
export function featureNamesFor(
  model: ExportableTree,
  given: readonly string[] | undefined,
  fallback: (i: number) => string,
): string[] {
  const n = model.nFeaturesIn;
  const names = given ?? model.featureNamesIn ?? Array.from({ length: n }, (_, i) => fallback(i));
  if (names.length !== n) {
    throw new ValidationError(`featureNames must contain ${n} elements, got ${names.length}`, {
      expected: n,
      got: names.length,
    });
  }
  return [...names];
}

/** Number of levels below `node` (a leaf counts 1), as sklearn's `_compute_depth`. */
function subtreeDepth(tree: Tree, node: number): number {
  if (tree.childrenLeft[node] === TREE_LEAF) return 1;
  return 1 + Math.max(subtreeDepth(tree, tree.childrenLeft[node]), subtreeDepth(tree, tree.childrenRight[node]));
}

/**
 * The tree's decision rules as text, exactly as sklearn's `export_text` prints them.
 * @example
 * exportText(model, { featureNames: ['sepal length', 'sepal width', 'petal length', 'petal width'] });
 * // |--- petal width <= 0.80
 * // |   |--- class: 0
 * // |--- petal width >  0.80
 * // ...
 */
export function exportText(model: ExportableTree, options: ExportTextOptions = {}): string {
  const { maxDepth = 10, spacing = 3, decimals = 2, showWeights = false } = options;
  if (!Number.isInteger(spacing) || spacing <= 0) throw new ValidationError(`spacing must be > 0, given ${spacing}`);
  if (!Number.isInteger(decimals) || decimals < 0)
    throw new ValidationError(`decimals must be >= 0, given ${decimals}`);
  if (!(maxDepth >= 0)) throw new ValidationError(`maxDepth must be >= 0, given ${maxDepth}`);
  const tree = model.tree;
  const names = featureNamesFor(model, options.featureNames, (i) => `feature_${i}`);
  const isClassifier = model.estimatorTags().estimatorType === 'classifier';
  const classNames = isClassifier ? (options.classNames ?? (model.classes ?? []).map(String)) : [];
  const w = tree.valueWidth;
  const lines: string[] = [];
  const leaf = (node: number, indent: string) => {
    const value = tree.value.subarray(node * w, node * w + w);
    let val = '';
    if (showWeights || !isClassifier) val = `[${Array.from(value, (v) => v.toFixed(decimals)).join(', ')}]`;
    if (isClassifier) {
      let best = 0;
      for (let c = 1; c < w; c++) if (value[c] > value[best]) best = c;
      val += ` class: ${classNames[best]}`;
    }
    lines.push(
      isClassifier ? (showWeights ? `${indent} weights: ${val}` : `${indent}${val}`) : `${indent} value: ${val}`,
    );
  };
  const recurse = (node: number, depth: number) => {
    let indent = `|${' '.repeat(spacing)}`.repeat(depth);
    indent = `${indent.slice(0, indent.length - spacing)}${'-'.repeat(spacing)}`;
    if (depth <= maxDepth + 1) {
      if (tree.childrenLeft[node] !== TREE_LEAF) {
        const name = names[tree.feature[node]];
        const threshold = tree.threshold[node].toFixed(decimals);
        lines.push(`${indent} ${name} <= ${threshold}`);
        recurse(tree.childrenLeft[node], depth + 1);
        lines.push(`${indent} ${name} >  ${threshold}`);
        recurse(tree.childrenRight[node], depth + 1);
      } else leaf(node, indent);
    } else {
      const d = subtreeDepth(tree, node);
      if (d === 1) leaf(node, indent);
      else lines.push(`${indent} truncated branch of depth ${d}`);
    }
  };
  recurse(0, 1);
  return `${lines.join('\n')}\n`;
}
