/**
 * Growing one boosting tree (scikit-learn's `TreeGrower`): leaf-wise,
 * best-first — the splittable node with the largest gain is split next —
 * until `maxLeafNodes` leaves, with `maxDepth`, `minSamplesLeaf`, monotonic
 * and interaction constraints. Each node owns a contiguous segment of one
 * sample-index array, partitioned in place at every split, so a child's
 * histogram only touches its own rows; only the smaller child is scanned and
 * the larger gets `parent - smaller`, reusing the parent's buffer.
 */
import { Companion } from '../../parallel/companion.js';
import type { BinMapper } from './binning.js';
import type { BoostingWorkerContext } from './boosting-worker.js';
import { HistogramSpace } from './histogram-space.js';
import { BITSET_WORDS, TreePredictor } from './predictor.js';
import { computeNodeValue, findNodeSplit, type SplitContext, type SplitInfo } from './splitting.js';

/** Tree-shape options of a {@link TreeGrower} (sklearn's names, camelCase). */
export interface GrowerOptions {
  /** Maximum number of leaves, or null for no limit. sklearn default 31. */
  maxLeafNodes: number | null;
  /** Maximum depth (root = 0), or null for no limit. */
  maxDepth: number | null;
  /** Minimum samples per leaf. sklearn default 20. */
  minSamplesLeaf: number;
  /** L2 penalty λ on leaf values. */
  l2Regularization: number;
  /** Minimum hessian sum in a child. sklearn default 1e-3. */
  minHessianToSplit: number;
  /** Learning rate applied to leaf values. */
  shrinkage: number;
  /** Per feature: 1 increasing, -1 decreasing, 0 none; or null. */
  monotonicCst: Int8Array | null;
  /** Groups of features allowed to interact (every feature in some group), or null. */
  interactionCst: Int32Array[] | null;
}

/** A node while the tree grows. */
export interface GrowerNode {
  depth: number;
  /** Segment `[start, end)` of the grower's `sampleIndices`. */
  start: number;
  end: number;
  sumGrad: number;
  sumHess: number;
  /** Unshrunk value while growing; leaf values are shrunk when growth ends. */
  value: number;
  lower: number;
  upper: number;
  /** Histogram slot in the grower's {@link HistogramSpace}, or -1. */
  hist: number;
  split: SplitInfo | null;
  left: GrowerNode | null;
  right: GrowerNode | null;
  allowed: Int32Array;
  groups: number[] | null;
  isLeaf: boolean;
}

/**
 * Grows trees on one binned training set; buffers are reused across trees.
 * @example
 * const grower = new TreeGrower(binned, n, p, mapper, hasMissing, options, true);
 * const leaves = grower.grow(grad, null);
 * const tree = grower.makePredictor();
 */
export class TreeGrower {
  readonly ctx: SplitContext;
  root: GrowerNode | null = null;
  leaves: GrowerNode[] = [];
  /** Histograms, gradients, row-major bins and the partition. */
  readonly #space: HistogramSpace;
  readonly #allFeatures: Int32Array;
  /** Features this thread scans when the companion scans the rest. */
  #firstHalf: Int32Array = new Int32Array(0);
  #scanShared = false;

  constructor(
    readonly binned: Uint8Array,
    readonly n: number,
    readonly p: number,
    readonly mapper: BinMapper,
    hasMissing: Uint8Array,
    readonly options: GrowerOptions,
    readonly constantHessian: boolean,
    useKernel = true,
    shared = false,
  ) {
    const nBins = mapper.maxBins + 1;
    this.ctx = {
      nBins,
      missingBin: mapper.maxBins,
      nBinsNonMissing: mapper.nBinsNonMissing,
      hasMissing,
      isCategorical: mapper.isCategorical,
      monotonicCst: options.monotonicCst,
      minSamplesLeaf: options.minSamplesLeaf,
      minHessianToSplit: options.minHessianToSplit,
      l2Regularization: options.l2Regularization,
      constantHessian,
    };
    // Histograms held at once: one per splittable node, at most one per leaf, plus the one being built.
    const initialSlots = options.maxLeafNodes === null ? 8 : Math.min(options.maxLeafNodes + 1, 64);
    this.#space = new HistogramSpace(binned, n, p, nBins, { initialSlots, useKernel, shared });
    this.#allFeatures = Int32Array.from({ length: p }, (_, f) => f);
  }

  /**
   * Starts a companion thread (`boosting-worker.ts`) that owns the second half of the
   * features: it builds, subtracts and scans their histograms, and computes the second
   * half of the gradient pass when `gradients` (on shared memory) are given. Trees are
   * identical either way. Resolves to the companion (close it after the fit), or null
   * where none can run or the grower was not made `shared`.
   * @example const companion = await grower.startCompanion(null); try { grower.grow(g, h); } finally { await companion?.close(); }
   */
  async startCompanion(gradients: BoostingWorkerContext['gradients']): Promise<Companion | null> {
    const memory = this.#space.sharedMemory;
    if (memory === null || this.p < 2) return null;
    const context: BoostingWorkerContext = {
      memory,
      gradients,
      split: { ctx: this.ctx, firstFeature: this.#space.firstCompanionFeature, nFeatures: this.p },
    };
    const companion = await Companion.start(new URL('./boosting-worker.js', import.meta.url), context);
    this.#space.useCompanion(companion);
    this.#firstHalf = Int32Array.from({ length: this.#space.firstCompanionFeature }, (_, f) => f);
    // Categorical features are scanned by this thread (their splits carry a category set).
    this.#scanShared = !this.ctx.isCategorical.subarray(this.#space.firstCompanionFeature).some((c) => c === 1);
    return companion;
  }

  /** Stops sharing work with the companion (call before closing it). */
  stopCompanion(): void {
    this.#space.useCompanion(null);
  }

  /** Threads building histograms: 2 with a companion, else 1. */
  get threads(): number {
    return this.#space.threads;
  }

  /** The partition: each node's samples are a contiguous segment (a view, valid until the next `grow`). */
  get sampleIndices(): Int32Array {
    return this.#space.sampleIndices;
  }

  /** Whether histograms are built by the WebAssembly kernel. */
  get usesKernel(): boolean {
    return this.#space.usesKernel;
  }

  #release(node: GrowerNode): void {
    if (node.hist >= 0) this.#space.release(node.hist);
    node.hist = -1;
  }

  /**
   * Grows a tree on the gradients (and hessians; null when constant) of the
   * `n` samples; returns the leaves with shrunk values. The leaves' segments
   * of `sampleIndices` say which samples each holds.
   */
  grow(grad: Float64Array, hess: Float64Array | null): GrowerNode[] {
    const { n, options, ctx } = this;
    this.#space.setGradients(grad, hess);
    const idx = this.#space.sampleIndices;
    for (let i = 0; i < n; i++) idx[i] = i;
    let sumGrad = 0;
    let sumHess = 0;
    for (let i = 0; i < n; i++) sumGrad += grad[i];
    if (hess === null) sumHess = n;
    else for (let i = 0; i < n; i++) sumHess += hess[i];
    const root = this.#node(0, 0, n, sumGrad, sumHess, Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY);
    root.value = computeNodeValue(sumGrad, sumHess, root.lower, root.upper, ctx.l2Regularization);
    root.allowed = this.#allFeatures;
    root.groups = options.interactionCst ? options.interactionCst.map((_, g) => g) : null;
    this.root = root;
    this.leaves = [];
    const splittable: GrowerNode[] = [];
    if (n < 2 * options.minSamplesLeaf || sumHess < options.minHessianToSplit) {
      this.#finalize(root);
    } else {
      root.hist = this.#space.acquire();
      this.#build(root);
      this.#findSplit(root, splittable);
    }
    let nLeaves = 1;
    while (splittable.length > 0) {
      let best = 0;
      for (let k = 1; k < splittable.length; k++) {
        if ((splittable[k].split as SplitInfo).gain > (splittable[best].split as SplitInfo).gain) best = k;
      }
      const node = splittable.splice(best, 1)[0];
      nLeaves++;
      this.#splitNode(node, splittable, nLeaves);
    }
    for (const leaf of this.leaves) leaf.value *= options.shrinkage;
    return this.leaves;
  }

  #node(
    depth: number,
    start: number,
    end: number,
    sumGrad: number,
    sumHess: number,
    lower: number,
    upper: number,
  ): GrowerNode {
    return {
      depth,
      start,
      end,
      sumGrad,
      sumHess,
      value: 0,
      lower,
      upper,
      hist: -1,
      split: null,
      left: null,
      right: null,
      allowed: this.#allFeatures,
      groups: null,
      isLeaf: false,
    };
  }

  #build(node: GrowerNode): void {
    this.#space.build(node.hist, node.allowed === this.#allFeatures ? null : node.allowed, node.start, node.end);
  }

  #finalize(node: GrowerNode): void {
    node.isLeaf = true;
    this.#release(node);
    this.leaves.push(node);
  }

  #findSplit(node: GrowerNode, splittable: GrowerNode[]): void {
    const space = this.#space;
    const n = node.end - node.start;
    const { sumGrad, sumHess, value, lower, upper } = node;
    const scan = (features: Int32Array) =>
      findNodeSplit(space.view(node.hist), features, n, sumGrad, sumHess, value, lower, upper, this.ctx);
    if (
      this.#scanShared &&
      node.allowed === this.#allFeatures &&
      space.requestCompanionScan(node.hist, n, sumGrad, sumHess, value, lower, upper)
    ) {
      const mine = scan(this.#firstHalf);
      const theirs = space.companionSplit();
      // What one scan over all features keeps: a later feature wins only with a strictly larger gain.
      node.split = theirs.gain > mine.gain ? theirs : mine;
    } else {
      node.split = scan(node.allowed);
    }
    if (node.split.gain <= 0) this.#finalize(node);
    else splittable.push(node);
  }

  #splitNode(node: GrowerNode, splittable: GrowerNode[], nLeaves: number): void {
    const { options } = this;
    const split = node.split as SplitInfo;
    const mid = this.#space.partition(split, node.start, node.end);
    const depth = node.depth + 1;
    const left = this.#node(depth, node.start, mid, split.sumGradLeft, split.sumHessLeft, node.lower, node.upper);
    const right = this.#node(depth, mid, node.end, split.sumGradRight, split.sumHessRight, node.lower, node.upper);
    left.value = split.valueLeft;
    right.value = split.valueRight;
    node.left = left;
    node.right = right;
    const cst = options.monotonicCst ? options.monotonicCst[split.feature] : 0;
    if (cst !== 0) {
      // Children of a constrained split may not cross the midpoint of their values.
      const midValue = (left.value + right.value) / 2;
      if (cst === 1) {
        left.upper = midValue;
        right.lower = midValue;
      } else {
        left.lower = midValue;
        right.upper = midValue;
      }
    }
    if (options.interactionCst && node.groups) {
      const groups: number[] = [];
      const allowed = new Set<number>();
      for (const g of node.groups) {
        const members = options.interactionCst[g];
        if (members.includes(split.feature)) {
          groups.push(g);
          for (const f of members) allowed.add(f);
        }
      }
      left.groups = right.groups = groups;
      left.allowed = right.allowed = Int32Array.from([...allowed].sort((a, b) => a - b));
    }
    if (options.maxLeafNodes !== null && nLeaves >= options.maxLeafNodes) {
      this.#release(node);
      this.#finalize(left);
      this.#finalize(right);
      for (const other of splittable.splice(0)) this.#finalize(other);
      return;
    }
    if (options.maxDepth !== null && depth >= options.maxDepth) {
      left.isLeaf = right.isLeaf = true;
    }
    if (left.end - left.start < 2 * options.minSamplesLeaf) left.isLeaf = true;
    if (right.end - right.start < 2 * options.minSamplesLeaf) right.isLeaf = true;
    if (!left.isLeaf || !right.isLeaf) {
      const leftSmaller = left.end - left.start < right.end - right.start;
      const smallest = leftSmaller ? left : right;
      const largest = leftSmaller ? right : left;
      smallest.hist = this.#space.acquire();
      this.#build(smallest);
      // The larger child takes over the parent's buffer.
      largest.hist = node.hist;
      node.hist = -1;
      this.#space.subtract(largest.hist, smallest.hist, largest.allowed === this.#allFeatures ? null : largest.allowed);
    } else {
      this.#release(node);
    }
    for (const child of [left, right]) {
      if (child.isLeaf) this.#finalize(child);
      else this.#findSplit(child, splittable);
    }
  }

  /**
   * Adds each leaf's value to `raw[offset + i]` for the samples `i` it holds.
   * @example grower.updateRaw(raw, k * n)
   */
  updateRaw(raw: Float64Array, offset: number): void {
    const idx = this.sampleIndices;
    for (const leaf of this.leaves) {
      const v = leaf.value;
      for (let k = leaf.start; k < leaf.end; k++) raw[offset + idx[k]] += v;
    }
  }

  /**
   * The grown tree as a {@link TreePredictor} on raw feature values: numeric
   * thresholds are the bin edges (`Infinity` for the split that only separates
   * missing values), categorical nodes get the categories going left.
   */
  makePredictor(): TreePredictor {
    const nodes: GrowerNode[] = [];
    const order: GrowerNode[] = [this.root as GrowerNode];
    // Breadth-first numbering keeps children after their parent.
    while (order.length > 0) {
      const node = order.shift() as GrowerNode;
      nodes.push(node);
      if (node.left && node.right && !node.isLeaf) order.push(node.left, node.right);
    }
    const m = nodes.length;
    const index = new Map(nodes.map((node, k) => [node, k]));
    const arrays = {
      feature: new Int32Array(m).fill(-1),
      threshold: new Float64Array(m),
      left: new Int32Array(m).fill(-1),
      right: new Int32Array(m).fill(-1),
      value: new Float64Array(m),
      missingGoToLeft: new Uint8Array(m),
      isCategorical: new Uint8Array(m),
      categoryBitsets: new Uint32Array(m * BITSET_WORDS),
    };
    const { thresholds, nBinsNonMissing } = this.mapper;
    nodes.forEach((node, k) => {
      arrays.value[k] = node.value;
      if (node.isLeaf || !node.left || !node.right) return;
      const split = node.split as SplitInfo;
      const f = split.feature;
      arrays.feature[k] = f;
      arrays.left[k] = index.get(node.left) as number;
      arrays.right[k] = index.get(node.right) as number;
      arrays.missingGoToLeft[k] = split.missingGoToLeft ? 1 : 0;
      if (split.isCategorical && split.leftBins) {
        arrays.isCategorical[k] = 1;
        for (let b = 0; b < nBinsNonMissing[f]; b++) {
          if (split.leftBins[b] !== 1) continue;
          const c = thresholds[f][b];
          arrays.categoryBitsets[k * BITSET_WORDS + (c >>> 5)] |= 1 << (c & 31);
        }
      } else {
        arrays.threshold[k] =
          split.binIdx === nBinsNonMissing[f] - 1 ? Number.POSITIVE_INFINITY : thresholds[f][split.binIdx];
      }
    });
    return new TreePredictor(arrays);
  }
}
