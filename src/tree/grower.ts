/**
 * Tree growth, following scikit-learn's `DepthFirstTreeBuilder` (nodes
 * numbered depth-first, left child first) and, when `maxLeafNodes` is set,
 * `BestFirstTreeBuilder` (always expand the open node whose split improves
 * impurity most). The split search itself is `NodeSplitter`'s.
 */
import { EPSILON } from './criterion.js';
import { NodeSplitter, type NodeStats, type SplitResult, type SplitterData, type SplitterOptions } from './splitter.js';
import { Tree } from './tree-structure.js';

/** Resolved growth limits (sklearn's builder arguments). */
export interface GrowOptions extends SplitterOptions {
  /** `Infinity` for no limit. */
  maxDepth: number;
  minSamplesSplit: number;
  /** 0 (or less) for depth-first growth without a leaf limit. */
  maxLeafNodes: number;
  minImpurityDecrease: number;
}

interface Pending {
  start: number;
  end: number;
  depth: number;
  parent: number;
  isLeft: boolean;
  impurity: number;
  st: NodeStats;
  constants: Int32Array;
}

const NO_CONSTANTS = new Int32Array(0);

/**
 * Grows one tree on `data`.
 * @example const tree = growTree(data, { criterion: GINI, random: false, maxFeatures: 4, ... });
 */
export function growTree(data: SplitterData, options: GrowOptions): Tree {
  const splitter = new NodeSplitter(data, options);
  const width = data.nClasses > 0 ? data.nClasses : 1;
  const tree = new Tree(data.nFeatures, width, 64);
  if (splitter.m === 0) throw new Error('growTree: no sample has a positive weight');
  const root = splitter.nodeStats(0, splitter.m);
  const rootImpurity = splitter.impurity(0, splitter.m, root);
  const first: Pending = {
    start: 0,
    end: splitter.m,
    depth: 0,
    parent: -1,
    isLeft: false,
    impurity: rootImpurity,
    st: root,
    constants: NO_CONSTANTS,
  };
  if (options.maxLeafNodes > 0) growBestFirst(splitter, tree, options, first);
  else growDepthFirst(splitter, tree, options, first);
  return tree.trim();
}

/** sklearn's leaf test before searching for a split. */
function isLeafBySize(p: Pending, o: GrowOptions): boolean {
  const n = p.end - p.start;
  return (
    p.depth >= o.maxDepth ||
    n < o.minSamplesSplit ||
    n < 2 * o.minSamplesLeaf ||
    p.st.weight < 2 * o.minWeightLeaf ||
    p.impurity <= EPSILON
  );
}

function trySplit(
  splitter: NodeSplitter,
  p: Pending,
  o: GrowOptions,
): { split: SplitResult | null; constants: Int32Array } {
  if (isLeafBySize(p, o)) return { split: null, constants: p.constants };
  const r = splitter.split(p.start, p.end, p.st, p.impurity, p.constants);
  if (r.split !== null && r.split.improvement + EPSILON < o.minImpurityDecrease)
    return { split: null, constants: r.constants };
  return r;
}

function addNode(splitter: NodeSplitter, tree: Tree, p: Pending, split: SplitResult | null): number {
  const id = tree.addNode({
    parent: p.parent,
    isLeft: p.isLeft,
    isLeaf: split === null,
    feature: split?.feature ?? -2,
    threshold: split?.threshold ?? -2,
    impurity: p.impurity,
    nNodeSamples: p.end - p.start,
    weightedNNodeSamples: p.st.weight,
    missingGoLeft: split?.missingGoLeft ?? false,
  });
  splitter.nodeValue(p.start, p.end, p.st, tree.value, id * tree.valueWidth);
  return id;
}

function children(
  splitter: NodeSplitter,
  p: Pending,
  s: SplitResult,
  id: number,
  constants: Int32Array,
): [Pending, Pending] {
  const weightOf = (stats: Float64Array): number => {
    if (splitter.d.nClasses === 0) return stats[0];
    let w = 0;
    for (let c = 0; c < stats.length; c++) w += stats[c];
    return w;
  };
  const left: Pending = {
    start: p.start,
    end: s.pos,
    depth: p.depth + 1,
    parent: id,
    isLeft: true,
    impurity: s.impurityLeft,
    st: { stats: s.statsLeft, weight: weightOf(s.statsLeft) },
    constants,
  };
  const right: Pending = {
    start: s.pos,
    end: p.end,
    depth: p.depth + 1,
    parent: id,
    isLeft: false,
    impurity: s.impurityRight,
    st: { stats: s.statsRight, weight: weightOf(s.statsRight) },
    constants,
  };
  return [left, right];
}

function growDepthFirst(splitter: NodeSplitter, tree: Tree, o: GrowOptions, root: Pending): void {
  const stack: Pending[] = [root];
  while (stack.length > 0) {
    const p = stack.pop() as Pending;
    const { split, constants } = trySplit(splitter, p, o);
    const id = addNode(splitter, tree, p, split);
    if (split !== null) {
      const [left, right] = children(splitter, p, split, id, constants);
      stack.push(right, left);
    }
  }
}

interface Frontier {
  pending: Pending;
  id: number;
  split: SplitResult | null;
  constants: Int32Array;
  improvement: number;
  order: number;
}

/** Max-heap on improvement (earlier insertion first among ties). */
class FrontierHeap {
  readonly items: Frontier[] = [];

  #better(a: Frontier, b: Frontier): boolean {
    return a.improvement > b.improvement || (a.improvement === b.improvement && a.order < b.order);
  }

  push(f: Frontier): void {
    const h = this.items;
    h.push(f);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.#better(h[i], h[parent])) break;
      [h[i], h[parent]] = [h[parent], h[i]];
      i = parent;
    }
  }

  pop(): Frontier {
    const h = this.items;
    const top = h[0];
    const last = h.pop() as Frontier;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let best = i;
        if (l < h.length && this.#better(h[l], h[best])) best = l;
        if (r < h.length && this.#better(h[r], h[best])) best = r;
        if (best === i) break;
        [h[i], h[best]] = [h[best], h[i]];
        i = best;
      }
    }
    return top;
  }
}

function growBestFirst(splitter: NodeSplitter, tree: Tree, o: GrowOptions, root: Pending): void {
  const heap = new FrontierHeap();
  let order = 0;
  const expand = (p: Pending): void => {
    const { split, constants } = trySplit(splitter, p, o);
    const id = addNode(splitter, tree, p, split);
    heap.push({ pending: p, id, split, constants, improvement: split?.improvement ?? 0, order: order++ });
  };
  expand(root);
  let maxSplitNodes = o.maxLeafNodes - 1;
  while (heap.items.length > 0) {
    const f = heap.pop();
    if (f.split === null || maxSplitNodes <= 0) {
      tree.makeLeaf(f.id);
      continue;
    }
    maxSplitNodes--;
    const [left, right] = children(splitter, f.pending, f.split, f.id, f.constants);
    expand(left);
    expand(right);
  }
}
