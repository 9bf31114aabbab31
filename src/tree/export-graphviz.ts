/**
 * `exportGraphviz`: a fitted tree as Graphviz DOT text, in scikit-learn's
 * `sklearn.tree.export_graphviz` format (node labels, True/False edges at the
 * root), ready for `dot -Tsvg`.
 *
 * Differences from scikit-learn: no `filled` colours, `rotate`, `rounded`,
 * `special_characters` or `fontname` options; returns the text (no `out_file`).
 */
import { ValidationError } from '../base/errors.js';
import { type ExportableTree, featureNamesFor, formatPyFloat } from './export-text.js';
import { TREE_LEAF } from './tree-structure.js';

/** Options of {@link exportGraphviz} (sklearn's names, camelCase). */
export interface ExportGraphvizOptions {
  /** Nodes deeper than this are drawn as "(...)". Default: no limit. */
  maxDepth?: number;
  /** One name per feature. Default: the fitted `featureNamesIn`, else `x[i]`. */
  featureNames?: readonly string[];
  /** Class names in `classes` order, or `true` for `y[i]`; shows the majority class. Default none. */
  classNames?: readonly string[] | boolean;
  /** Which nodes get "name = " labels: `'all'` (default), `'root'` or `'none'`. */
  label?: 'all' | 'root' | 'none';
  /** Show the impurity. Default `true`. */
  impurity?: boolean;
  /** Show node ids. Default `false`. */
  nodeIds?: boolean;
  /** Show samples as percentages and class values as fractions. Default `false`. */
  proportion?: boolean;
  /** Digits of the rounded numbers. Default 3. */
  precision?: number;
}

/** Python's `round(x, digits)` (round half to even on the exact binary value, like `toFixed`). */
function round(x: number, digits: number): number {
  const r = Number(x.toFixed(digits));
  return r === 0 && (x < 0 || Object.is(x, -0)) ? -0 : r;
}

/**
 * The tree as DOT text, exactly as sklearn's `export_graphviz` writes it (without colours).
 * @example
 * exportGraphviz(model, { featureNames: ['a', 'b'] });
 * // digraph Tree {\nnode [shape=box, fontname="helvetica"] ;\n...
 */
export function exportGraphviz(model: ExportableTree, options: ExportGraphvizOptions = {}): string {
  const { maxDepth, label = 'all', impurity = true, nodeIds = false, proportion = false, precision = 3 } = options;
  if (!Number.isInteger(precision) || precision < 0) {
    throw new ValidationError(`'precision' should be greater or equal to 0. Got ${precision} instead.`);
  }
  const tree = model.tree;
  const names =
    options.featureNames === undefined && model.featureNamesIn === undefined
      ? undefined
      : featureNamesFor(model, options.featureNames, (i) => `x[${i}]`);
  const isClassifier = model.estimatorTags().estimatorType === 'classifier';
  const classNames = options.classNames;
  if (Array.isArray(classNames) && classNames.length !== tree.valueWidth) {
    throw new ValidationError(`classNames must contain ${tree.valueWidth} names, got ${classNames.length}`);
  }
  const criterion = model.params.criterion ?? 'impurity';
  const w = tree.valueWidth;
  const out: string[] = ['digraph Tree {', 'node [shape=box, fontname="helvetica"] ;', 'edge [fontname="helvetica"] ;'];

  const nodeLabel = (id: number): string => {
    const labels = label === 'all' || (label === 'root' && id === 0);
    const parts: string[] = [];
    if (nodeIds) parts.push(`${labels ? 'node ' : ''}#${id}`);
    if (tree.childrenLeft[id] !== TREE_LEAF) {
      const f = tree.feature[id];
      parts.push(`${names ? names[f] : `x[${f}]`} <= ${formatPyFloat(round(tree.threshold[id], precision))}`);
    }
    if (impurity) parts.push(`${labels ? `${criterion} = ` : ''}${formatPyFloat(round(tree.impurity[id], precision))}`);
    const samples = proportion
      ? `${formatPyFloat(round((100 * tree.nNodeSamples[id]) / tree.nNodeSamples[0], 1))}%`
      : String(tree.nNodeSamples[id]);
    parts.push(`${labels ? 'samples = ' : ''}${samples}`);
    let value = Array.from(tree.value.subarray(id * w, id * w + w));
    if (proportion && isClassifier) value = value.map((v) => v / tree.weightedNNodeSamples[id]);
    let text: string;
    if (!isClassifier) text = formatPyFloat(round(value[0], precision));
    else if (!proportion && value.every((v) => Number.isInteger(v))) text = `[${value.join(', ')}]`;
    else text = `[${value.map((v) => formatPyFloat(round(v, precision))).join(', ')}]`;
    parts.push(`${labels ? 'value = ' : ''}${text}`);
    if (classNames !== undefined && classNames !== false && isClassifier) {
      let best = 0;
      for (let c = 1; c < w; c++) if (value[c] > value[best]) best = c;
      parts.push(`${labels ? 'class = ' : ''}${classNames === true ? `y[${best}]` : classNames[best]}`);
    }
    return `"${parts.join('\\n')}"`;
  };

  const recurse = (id: number, parent: number, depth: number) => {
    if (maxDepth === undefined || depth <= maxDepth) {
      out.push(`${id} [label=${nodeLabel(id)}] ;`);
      if (parent >= 0) out.push(edge(parent, id));
      if (tree.childrenLeft[id] !== TREE_LEAF) {
        recurse(tree.childrenLeft[id], id, depth + 1);
        recurse(tree.childrenRight[id], id, depth + 1);
      }
    } else {
      out.push(`${id} [label="(...)"] ;`);
      if (parent >= 0) out.push(edge(parent, id));
    }
  };
  const edge = (parent: number, id: number): string => {
    if (parent !== 0) return `${parent} -> ${id} ;`;
    return id === 1
      ? `${parent} -> ${id} [labeldistance=2.5, labelangle=45, headlabel="True"] ;`
      : `${parent} -> ${id} [labeldistance=2.5, labelangle=-45, headlabel="False"] ;`;
  };
  recurse(0, -1, 0);
  out.push('}');
  return out.join('\n');
}
