/**
 * The tree half of HDBSCAN (scikit-learn 1.3's `sklearn/cluster/_hdbscan/_tree.pyx`
 * and `_linkage.pyx`, which follow McInnes' `hdbscan`): from a minimum spanning
 * tree of the mutual-reachability graph to the single-linkage dendrogram, its
 * condensed tree (clusters smaller than `minClusterSize` fall out as points),
 * cluster stabilities, the flat selection (excess of mass or leaves, with
 * `clusterSelectionEpsilon`, `maxClusterSize`, `allowSingleCluster`), labels
 * and membership probabilities; and the flat DBSCAN* cut of the dendrogram.
 *
 * Node numbering is sklearn's: points `0..n-1`; dendrogram merge `i` is node
 * `n + i`; condensed-tree clusters are numbered from `n` (the root) in
 * breadth-first order, so a parent always has a smaller id than its children.
 * Where sklearn iterates a Python `set` of cluster ids (the epsilon search)
 * this iterates them in ascending order.
 */

/** An MST edge list (`n - 1` edges). */
export interface SpanningTree {
  from: Int32Array;
  to: Int32Array;
  weight: Float64Array;
}

/** A single-linkage dendrogram in scipy's layout: row `i` merges `left[i]` and `right[i]` at `value[i]`. */
export interface SingleLinkage {
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  size: Int32Array;
}

/** The condensed tree as parallel arrays of rows (parent, child, lambda = 1 / distance, child size). */
export interface CondensedTree {
  parent: Int32Array;
  child: Int32Array;
  lambda: Float64Array;
  size: Int32Array;
}

/**
 * The dendrogram of an MST: edges sorted by weight (stable), merged with a
 * union-find as sklearn's `make_single_linkage`.
 * @example singleLinkage({ from: Int32Array.of(0), to: Int32Array.of(1), weight: Float64Array.of(2) }).value // [2]
 */
export function singleLinkage(mst: SpanningTree): SingleLinkage {
  const m = mst.weight.length;
  const n = m + 1;
  const order = Array.from({ length: m }, (_, i) => i).sort((a, b) => mst.weight[a] - mst.weight[b] || a - b);
  const parent = new Int32Array(2 * n - 1).fill(-1);
  const sizes = new Int32Array(2 * n - 1).fill(1);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== -1) r = parent[r];
    while (parent[v] !== -1 && parent[v] !== r) {
      const next = parent[v];
      parent[v] = r;
      v = next;
    }
    return r;
  };
  const out: SingleLinkage = {
    left: new Int32Array(m),
    right: new Int32Array(m),
    value: new Float64Array(m),
    size: new Int32Array(m),
  };
  for (let i = 0; i < m; i++) {
    const e = order[i];
    const a = find(mst.from[e]);
    const b = find(mst.to[e]);
    out.left[i] = a;
    out.right[i] = b;
    out.value[i] = mst.weight[e];
    out.size[i] = sizes[a] + sizes[b];
    parent[a] = n + i;
    parent[b] = n + i;
    sizes[n + i] = sizes[a] + sizes[b];
  }
  return out;
}

/** Nodes of the dendrogram below `root` (itself included), breadth first, left before right. */
function bfsHierarchy(tree: SingleLinkage, root: number): number[] {
  const n = tree.left.length + 1;
  const result: number[] = [];
  let queue = [root];
  while (queue.length > 0) {
    result.push(...queue);
    const next: number[] = [];
    for (const v of queue) if (v >= n) next.push(tree.left[v - n], tree.right[v - n]);
    queue = next;
  }
  return result;
}

/**
 * sklearn's `_condense_tree`: walks the dendrogram from the root; a split
 * where both sides have at least `minClusterSize` points makes two new
 * clusters, otherwise the small side's points fall out of the current cluster
 * at that split's lambda.
 */
export function condenseTree(tree: SingleLinkage, minClusterSize: number): CondensedTree {
  const n = tree.left.length + 1;
  const root = 2 * (n - 1);
  const nodes = bfsHierarchy(tree, root);
  const relabel = new Int32Array(root + 1);
  relabel[root] = n;
  let nextLabel = n + 1;
  const ignore = new Uint8Array(root + 1);
  const parent: number[] = [];
  const child: number[] = [];
  const lambda: number[] = [];
  const size: number[] = [];
  const row = (p: number, c: number, l: number, s: number) => {
    parent.push(p);
    child.push(c);
    lambda.push(l);
    size.push(s);
  };
  const dropPoints = (from: number, p: number, l: number) => {
    for (const sub of bfsHierarchy(tree, from)) {
      if (sub < n) row(p, sub, l, 1);
      ignore[sub] = 1;
    }
  };
  for (const node of nodes) {
    if (ignore[node] || node < n) continue;
    const r = node - n;
    const left = tree.left[r];
    const right = tree.right[r];
    const distance = tree.value[r];
    const l = distance > 0 ? 1 / distance : Number.POSITIVE_INFINITY;
    const leftCount = left >= n ? tree.size[left - n] : 1;
    const rightCount = right >= n ? tree.size[right - n] : 1;
    const p = relabel[node];
    if (leftCount >= minClusterSize && rightCount >= minClusterSize) {
      relabel[left] = nextLabel++;
      row(p, relabel[left], l, leftCount);
      relabel[right] = nextLabel++;
      row(p, relabel[right], l, rightCount);
    } else if (leftCount < minClusterSize && rightCount < minClusterSize) {
      dropPoints(left, p, l);
      dropPoints(right, p, l);
    } else if (leftCount < minClusterSize) {
      relabel[right] = p;
      dropPoints(left, p, l);
    } else {
      relabel[left] = p;
      dropPoints(right, p, l);
    }
  }
  return {
    parent: Int32Array.from(parent),
    child: Int32Array.from(child),
    lambda: Float64Array.from(lambda),
    size: Int32Array.from(size),
  };
}

/**
 * Stability of each cluster id `root..maxParent` (index `id - root`): the sum
 * over its rows of `(lambda - birth lambda of the cluster) * child size`.
 */
export function computeStability(ct: CondensedTree): { root: number; stability: Float64Array } {
  const m = ct.parent.length;
  let root = Number.POSITIVE_INFINITY;
  let maxParent = -1;
  let maxChild = -1;
  for (let i = 0; i < m; i++) {
    root = Math.min(root, ct.parent[i]);
    maxParent = Math.max(maxParent, ct.parent[i]);
    maxChild = Math.max(maxChild, ct.child[i]);
  }
  const births = new Float64Array(Math.max(maxChild, root) + 1).fill(Number.NaN);
  for (let i = 0; i < m; i++) {
    const c = ct.child[i];
    births[c] = Number.isNaN(births[c]) ? ct.lambda[i] : Math.min(births[c], ct.lambda[i]);
  }
  births[root] = 0;
  const stability = new Float64Array(maxParent - root + 1);
  for (let i = 0; i < m; i++) stability[ct.parent[i] - root] += (ct.lambda[i] - births[ct.parent[i]]) * ct.size[i];
  return { root, stability };
}

/** Options of {@link extractClusters}. */
export interface SelectionOptions {
  method: 'eom' | 'leaf';
  allowSingleCluster: boolean;
  clusterSelectionEpsilon: number;
  maxClusterSize: number | null;
}

/** The cluster-only part of the condensed tree, with child lists. */
class ClusterTree {
  readonly parentOf = new Map<number, number>();
  readonly lambdaOf = new Map<number, number>();
  readonly sizeOf = new Map<number, number>();
  readonly children = new Map<number, number[]>();
  readonly root: number;
  readonly empty: boolean;

  constructor(ct: CondensedTree) {
    let root = Number.POSITIVE_INFINITY;
    for (let i = 0; i < ct.parent.length; i++) {
      if (ct.size[i] <= 1) continue;
      const c = ct.child[i];
      const p = ct.parent[i];
      root = Math.min(root, p);
      this.parentOf.set(c, p);
      this.lambdaOf.set(c, ct.lambda[i]);
      this.sizeOf.set(c, ct.size[i]);
      const list = this.children.get(p);
      if (list) list.push(c);
      else this.children.set(p, [c]);
    }
    this.root = root;
    this.empty = this.parentOf.size === 0;
  }

  /** `node` and every cluster below it, breadth first. */
  bfs(node: number): number[] {
    const out: number[] = [];
    let queue = [node];
    while (queue.length > 0) {
      out.push(...queue);
      queue = queue.flatMap((v) => this.children.get(v) ?? []);
    }
    return out;
  }

  /** Leaf clusters, depth first from the root. */
  leaves(): number[] {
    if (this.empty) return [];
    const out: number[] = [];
    const visit = (v: number) => {
      const kids = this.children.get(v);
      if (!kids) out.push(v);
      else for (const k of kids) visit(k);
    };
    visit(this.root);
    return out;
  }

  /** sklearn's `traverse_upwards`. */
  traverseUpwards(epsilon: number, leaf: number, allowSingleCluster: boolean): number {
    const parent = this.parentOf.get(leaf) as number;
    if (parent === this.root) return allowSingleCluster ? parent : leaf;
    const parentEps = 1 / (this.lambdaOf.get(parent) as number);
    return parentEps > epsilon ? parent : this.traverseUpwards(epsilon, parent, allowSingleCluster);
  }

  /** sklearn's `epsilon_search`: a leaf born below `epsilon` is replaced by its first ancestor born above it. */
  epsilonSearch(leaves: number[], epsilon: number, allowSingleCluster: boolean): Set<number> {
    const selected = new Set<number>();
    const processed = new Set<number>();
    for (const leaf of [...leaves].sort((a, b) => a - b)) {
      const eps = 1 / (this.lambdaOf.get(leaf) as number);
      if (eps < epsilon) {
        if (!processed.has(leaf)) {
          const up = this.traverseUpwards(epsilon, leaf, allowSingleCluster);
          selected.add(up);
          for (const sub of this.bfs(up)) if (sub !== up) processed.add(sub);
        }
      } else selected.add(leaf);
    }
    return selected;
  }
}

/**
 * Flat clusters from the condensed tree (sklearn's `_get_clusters`): labels
 * (-1 noise; clusters numbered in increasing cluster id) and probabilities.
 */
export function extractClusters(
  ct: CondensedTree,
  options: SelectionOptions,
): { labels: Int32Array; probabilities: Float64Array; selected: number[] } {
  const { method, allowSingleCluster, clusterSelectionEpsilon: epsilon } = options;
  const { root, stability: stab } = computeStability(ct);
  const stability = new Map<number, number>();
  stab.forEach((v, i) => {
    stability.set(root + i, v);
  });
  const ids = [...stability.keys()].sort((a, b) => b - a);
  const nodeList = allowSingleCluster ? ids : ids.slice(0, -1);
  const tree = new ClusterTree(ct);
  let nSamples = 0;
  for (let i = 0; i < ct.child.length; i++) if (ct.size[i] === 1) nSamples = Math.max(nSamples, ct.child[i] + 1);
  const maxClusterSize = options.maxClusterSize ?? nSamples + 1;
  const isCluster = new Map<number, boolean>();
  for (const c of nodeList) isCluster.set(c, true);
  const sizes = new Map(tree.sizeOf);
  if (allowSingleCluster) {
    let s = 0;
    for (const c of tree.children.get(root) ?? []) s += tree.sizeOf.get(c) as number;
    sizes.set(root, s);
  }
  const applySelection = (selected: Set<number>) => {
    for (const c of isCluster.keys()) isCluster.set(c, selected.has(c));
  };
  if (method === 'eom') {
    for (const node of nodeList) {
      let subtree = 0;
      for (const c of tree.children.get(node) ?? []) subtree += stability.get(c) as number;
      if (subtree > (stability.get(node) as number) || (sizes.get(node) ?? 0) > maxClusterSize) {
        isCluster.set(node, false);
        stability.set(node, subtree);
      } else {
        for (const sub of tree.bfs(node)) if (sub !== node) isCluster.set(sub, false);
      }
    }
    if (epsilon !== 0 && !tree.empty) {
      const eom = [...isCluster.entries()].filter(([, v]) => v).map(([c]) => c);
      let selected = new Set<number>();
      if (eom.length === 1 && eom[0] === tree.root) {
        if (allowSingleCluster) selected = new Set(eom);
      } else selected = tree.epsilonSearch(eom, epsilon, allowSingleCluster);
      applySelection(selected);
    }
  } else {
    const leaves = tree.leaves();
    if (leaves.length === 0) {
      for (const c of isCluster.keys()) isCluster.set(c, false);
      isCluster.set(root, true);
    }
    applySelection(epsilon !== 0 ? tree.epsilonSearch(leaves, epsilon, allowSingleCluster) : new Set(leaves));
  }
  const selected = [...isCluster.entries()]
    .filter(([, v]) => v)
    .map(([c]) => c)
    .sort((a, b) => a - b);
  const labelOf = new Map(selected.map((c, i) => [c, i]));
  const labels = doLabelling(ct, root, labelOf, allowSingleCluster, epsilon);
  return { labels, probabilities: probabilities(ct, root, selected, labels), selected };
}

/** sklearn's `do_labelling`: each point goes to its nearest selected ancestor, else noise. */
function doLabelling(
  ct: CondensedTree,
  root: number,
  labelOf: Map<number, number>,
  allowSingleCluster: boolean,
  epsilon: number,
): Int32Array {
  const m = ct.parent.length;
  let maxId = root;
  for (let i = 0; i < m; i++) maxId = Math.max(maxId, ct.parent[i], ct.child[i]);
  const up = new Int32Array(maxId + 1).fill(-1);
  const pointLambda = new Float64Array(root);
  let rootMaxLambda = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < m; i++) {
    up[ct.child[i]] = ct.parent[i];
    if (ct.child[i] < root) pointLambda[ct.child[i]] = ct.lambda[i];
    if (ct.parent[i] === root) rootMaxLambda = Math.max(rootMaxLambda, ct.lambda[i]);
  }
  const labels = new Int32Array(root);
  for (let p = 0; p < root; p++) {
    let v = up[p];
    while (v !== root && !labelOf.has(v)) v = up[v];
    if (v !== root) labels[p] = labelOf.get(v) as number;
    else if (labelOf.size === 1 && allowSingleCluster && labelOf.has(root)) {
      const threshold = epsilon !== 0 ? 1 / epsilon : rootMaxLambda;
      labels[p] = pointLambda[p] >= threshold ? (labelOf.get(root) as number) : -1;
    } else labels[p] = -1;
  }
  return labels;
}

/** sklearn's `get_probabilities`: a point's lambda over its cluster's largest child lambda, capped at 1. */
function probabilities(ct: CondensedTree, root: number, selected: number[], labels: Int32Array): Float64Array {
  const deaths = new Map<number, number>();
  for (let i = 0; i < ct.parent.length; i++) {
    const p = ct.parent[i];
    deaths.set(p, Math.max(deaths.get(p) ?? Number.NEGATIVE_INFINITY, ct.lambda[i]));
  }
  const out = new Float64Array(labels.length);
  for (let i = 0; i < ct.parent.length; i++) {
    const point = ct.child[i];
    if (point >= root || labels[point] === -1) continue;
    const maxLambda = deaths.get(selected[labels[point]]) ?? 0;
    const l = ct.lambda[i];
    out[point] = maxLambda === 0 || !Number.isFinite(l) ? 1 : Math.min(l, maxLambda) / maxLambda;
  }
  return out;
}

/** sklearn's rank-based `TreeUnionFind` (its representatives decide the label order of a cut). */
class TreeUnionFind {
  readonly parent: Int32Array;
  readonly rank: Int32Array;
  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
    this.rank = new Int32Array(size);
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r];
    while (this.parent[x] !== r) {
      const next = this.parent[x];
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(x: number, y: number): void {
    const xr = this.find(x);
    const yr = this.find(y);
    if (this.rank[xr] < this.rank[yr]) this.parent[xr] = yr;
    else if (this.rank[xr] > this.rank[yr]) this.parent[yr] = xr;
    else {
      this.parent[yr] = xr;
      this.rank[xr]++;
    }
  }
}

/**
 * Flat clustering of the dendrogram cut below `cut` (sklearn's
 * `labelling_at_cut`): merges of height `< cut` join; components smaller than
 * `minClusterSize` are noise; labels follow the components' union-find
 * representatives in increasing order, as sklearn's.
 * @example labellingAtCut(tree, 0.5, 5)
 */
export function labellingAtCut(tree: SingleLinkage, cut: number, minClusterSize: number): Int32Array {
  const m = tree.left.length;
  const n = m + 1;
  const uf = new TreeUnionFind(2 * m + 1);
  for (let i = 0; i < m; i++) {
    if (tree.value[i] < cut) {
      uf.union(tree.left[i], n + i);
      uf.union(tree.right[i], n + i);
    }
  }
  const rep = new Int32Array(n);
  const count = new Int32Array(2 * m + 1);
  for (let i = 0; i < n; i++) {
    rep[i] = uf.find(i);
    count[rep[i]]++;
  }
  const labelOf = new Int32Array(2 * m + 1).fill(-1);
  let next = 0;
  for (let r = 0; r < 2 * m + 1; r++) if (count[r] > 0 && count[r] >= minClusterSize) labelOf[r] = next++;
  return rep.map((r) => labelOf[r]);
}
