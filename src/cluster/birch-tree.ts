/**
 * The clustering-feature (CF) tree of BIRCH (Zhang, Ramakrishnan & Livny
 * 1996), as scikit-learn 1.2's `_CFNode` / `_CFSubcluster` / `_split_node`:
 * each subcluster keeps its count, linear sum and squared sum; a new point
 * descends to the closest subcluster (by `‖c‖² - 2 x·c`), is absorbed by the
 * closest leaf subcluster when the merged radius stays within `threshold`,
 * and a node holding more than `branchingFactor` subclusters splits around
 * its two farthest subclusters. Leaves are chained in a list whose order
 * (that of sklearn's `_get_leaves`) gives the order of the subcluster centres.
 */

/** One subcluster: count, sums, centroid, and its child node (non-leaf nodes). */
export class CFSubcluster {
  n = 0;
  linearSum: Float64Array;
  squaredSum = 0;
  centroid: Float64Array;
  sqNorm = 0;
  child: CFNode | null = null;

  constructor(d: number, sample?: Float64Array) {
    this.linearSum = new Float64Array(d);
    this.centroid = new Float64Array(d);
    if (sample) {
      this.n = 1;
      this.linearSum.set(sample);
      this.centroid.set(sample);
      this.squaredSum = dot(sample, sample);
      this.sqNorm = this.squaredSum;
    }
  }

  /** Adds another subcluster's statistics (sklearn's `update`). */
  update(other: CFSubcluster): void {
    this.n += other.n;
    for (let f = 0; f < this.linearSum.length; f++) this.linearSum[f] += other.linearSum[f];
    this.squaredSum += other.squaredSum;
    for (let f = 0; f < this.linearSum.length; f++) this.centroid[f] = this.linearSum[f] / this.n;
    this.sqNorm = dot(this.centroid, this.centroid);
  }

  /** Absorbs `nominee` when the merged radius is at most `threshold` (sklearn's `merge_subcluster`). */
  merge(nominee: CFSubcluster, threshold: number): boolean {
    const d = this.linearSum.length;
    const ss = this.squaredSum + nominee.squaredSum;
    const ls = new Float64Array(d);
    for (let f = 0; f < d; f++) ls[f] = this.linearSum[f] + nominee.linearSum[f];
    const n = this.n + nominee.n;
    const inv = 1 / n;
    const centroid = ls.map((v) => inv * v);
    const sqNorm = dot(centroid, centroid);
    if (ss / n - sqNorm <= threshold ** 2) {
      this.n = n;
      this.linearSum = ls;
      this.squaredSum = ss;
      this.centroid = centroid;
      this.sqNorm = sqNorm;
      return true;
    }
    return false;
  }
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let f = 0; f < a.length; f++) s += a[f] * b[f];
  return s;
}

/** A CF-tree node: its subclusters and, for leaves, the neighbours in the leaf chain. */
export class CFNode {
  readonly subclusters: CFSubcluster[] = [];
  prevLeaf: CFNode | null = null;
  nextLeaf: CFNode | null = null;

  constructor(
    readonly threshold: number,
    readonly branchingFactor: number,
    readonly isLeaf: boolean,
    readonly d: number,
  ) {}

  append(sub: CFSubcluster): void {
    this.subclusters.push(sub);
  }

  /** Inserts a one-point subcluster; returns true when this node must split. */
  insert(sub: CFSubcluster): boolean {
    if (this.subclusters.length === 0) {
      this.append(sub);
      return false;
    }
    let closest = 0;
    let best = Number.POSITIVE_INFINITY;
    for (let k = 0; k < this.subclusters.length; k++) {
      const c = this.subclusters[k];
      const v = -2 * dot(c.centroid, sub.centroid) + c.sqNorm;
      if (v < best) {
        best = v;
        closest = k;
      }
    }
    const target = this.subclusters[closest];
    if (target.child !== null) {
      if (!target.child.insert(sub)) {
        target.update(sub);
        return false;
      }
      const [a, b] = splitNode(target.child, this.threshold, this.branchingFactor);
      this.subclusters[closest] = a;
      this.append(b);
      return this.subclusters.length > this.branchingFactor;
    }
    if (target.merge(sub, this.threshold)) return false;
    this.append(sub);
    return this.subclusters.length > this.branchingFactor;
  }
}

/**
 * Splits `node` around its two farthest subclusters (sklearn's `_split_node`,
 * squared distances in the `‖a‖² + ‖b‖² - 2a·b` form), relinking the leaf chain.
 */
export function splitNode(node: CFNode, threshold: number, branchingFactor: number): [CFSubcluster, CFSubcluster] {
  const { d } = node;
  const sub1 = new CFSubcluster(d);
  const sub2 = new CFSubcluster(d);
  const node1 = new CFNode(threshold, branchingFactor, node.isLeaf, d);
  const node2 = new CFNode(threshold, branchingFactor, node.isLeaf, d);
  sub1.child = node1;
  sub2.child = node2;
  if (node.isLeaf) {
    if (node.prevLeaf) node.prevLeaf.nextLeaf = node1;
    node1.prevLeaf = node.prevLeaf;
    node1.nextLeaf = node2;
    node2.prevLeaf = node1;
    node2.nextLeaf = node.nextLeaf;
    if (node.nextLeaf) node.nextLeaf.prevLeaf = node2;
  }
  const subs = node.subclusters;
  const m = subs.length;
  const norms = subs.map((s) => dot(s.centroid, s.centroid));
  const dist = new Float64Array(m * m);
  let far = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const v = i === j ? 0 : Math.max(-2 * dot(subs[i].centroid, subs[j].centroid) + norms[i] + norms[j], 0);
      dist[i * m + j] = v;
      if (v > dist[far]) far = i * m + j;
    }
  }
  const f1 = Math.floor(far / m);
  const f2 = far % m;
  for (let k = 0; k < m; k++) {
    const closer1 = k === f1 || dist[f1 * m + k] < dist[f2 * m + k];
    if (closer1) {
      node1.append(subs[k]);
      sub1.update(subs[k]);
    } else {
      node2.append(subs[k]);
      sub2.update(subs[k]);
    }
  }
  return [sub1, sub2];
}

/**
 * A CF tree with its root and the dummy head of the leaf chain.
 * @example const t = new CFTree(0.5, 50, 2); t.insertPoint(Float64Array.of(1, 2)); t.leafCentroids();
 */
export class CFTree {
  root: CFNode;
  readonly dummy: CFNode;

  constructor(
    readonly threshold: number,
    readonly branchingFactor: number,
    readonly d: number,
  ) {
    this.root = new CFNode(threshold, branchingFactor, true, d);
    this.dummy = new CFNode(threshold, branchingFactor, true, d);
    this.dummy.nextLeaf = this.root;
    this.root.prevLeaf = this.dummy;
  }

  /** Adds one point, splitting the root when it overflows. */
  insertPoint(x: Float64Array): void {
    if (this.root.insert(new CFSubcluster(this.d, x))) {
      const [a, b] = splitNode(this.root, this.threshold, this.branchingFactor);
      this.root = new CFNode(this.threshold, this.branchingFactor, false, this.d);
      this.root.append(a);
      this.root.append(b);
    }
  }

  /** Leaves in chain order. */
  leaves(): CFNode[] {
    const out: CFNode[] = [];
    for (let leaf = this.dummy.nextLeaf; leaf !== null; leaf = leaf.nextLeaf) out.push(leaf);
    return out;
  }

  /** Centroids of all leaf subclusters, in chain order, row-major. */
  leafCentroids(): Float64Array {
    const rows = this.leaves().flatMap((l) => l.subclusters.map((s) => s.centroid));
    const out = new Float64Array(rows.length * this.d);
    rows.forEach((c, i) => {
      out.set(c, i * this.d);
    });
    return out;
  }

  /**
   * A plain-data copy for saving: nodes in depth-first order, each subcluster
   * as `[n, squaredSum, child node index or -1, sqNorm, ...linearSum, ...centroid]`
   * (the centroid kept bit for bit: merges compute it as `(1/n)·sum`, updates as
   * `sum/n`), and the leaf chain.
   */
  toPlain(): { isLeaf: number[]; subs: number[][][]; leafOrder: number[] } {
    const nodes: CFNode[] = [];
    const index = new Map<CFNode, number>();
    const visit = (node: CFNode) => {
      index.set(node, nodes.length);
      nodes.push(node);
      for (const s of node.subclusters) if (s.child) visit(s.child);
    };
    visit(this.root);
    return {
      isLeaf: nodes.map((nd) => (nd.isLeaf ? 1 : 0)),
      subs: nodes.map((nd) =>
        nd.subclusters.map((s) => [
          s.n,
          s.squaredSum,
          s.child ? (index.get(s.child) as number) : -1,
          s.sqNorm,
          ...s.linearSum,
          ...s.centroid,
        ]),
      ),
      leafOrder: this.leaves().map((l) => index.get(l) as number),
    };
  }

  /** Rebuilds a tree from {@link toPlain} output; returns `null` when it is inconsistent. */
  static fromPlain(
    plain: { isLeaf: number[]; subs: number[][][]; leafOrder: number[] },
    threshold: number,
    branchingFactor: number,
    d: number,
  ): CFTree | null {
    const { isLeaf, subs, leafOrder } = plain;
    const count = isLeaf.length;
    if (count === 0 || subs.length !== count) return null;
    const nodes = isLeaf.map((l) => new CFNode(threshold, branchingFactor, l === 1, d));
    for (let v = 0; v < count; v++) {
      for (const row of subs[v]) {
        if (!Array.isArray(row) || row.length !== 4 + 2 * d || !row.every((x) => typeof x === 'number')) return null;
        const s = new CFSubcluster(d);
        s.n = row[0];
        s.squaredSum = row[1];
        s.sqNorm = row[3];
        s.linearSum = Float64Array.from(row.slice(4, 4 + d));
        s.centroid = Float64Array.from(row.slice(4 + d));
        const child = row[2];
        if (child !== -1) {
          if (!(Number.isInteger(child) && child > v && child < count) || nodes[v].isLeaf) return null;
          s.child = nodes[child];
        }
        nodes[v].append(s);
      }
    }
    const tree = new CFTree(threshold, branchingFactor, d);
    tree.root = nodes[0];
    let prev = tree.dummy;
    for (const v of leafOrder) {
      if (!(Number.isInteger(v) && v >= 0 && v < count) || !nodes[v].isLeaf) return null;
      prev.nextLeaf = nodes[v];
      nodes[v].prevLeaf = prev;
      prev = nodes[v];
    }
    prev.nextLeaf = null;
    return tree;
  }
}
