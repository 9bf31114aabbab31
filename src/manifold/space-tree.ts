/**
 * `SpaceTree`: the quadtree (2-D), octree (3-D) or binary tree (1-D) of
 * Barnes-Hut t-SNE (scikit-learn's `neighbors._quad_tree._QuadTree`). Points
 * are inserted one at a time; a leaf holds one point (or several within
 * 1e-6 of each other, counted as duplicates); every cell keeps the
 * barycentre and count of its points. Cells live in flat typed arrays that
 * grow by doubling, so building allocates nothing per point.
 */

const EPSILON = 1e-6;

/**
 * A 2^dim-ary space-partitioning tree over points in 1 to 3 dimensions.
 * @example
 * const tree = new SpaceTree(2);
 * tree.build(y, n);
 * tree.nCells; // cells in use
 */
export class SpaceTree {
  readonly dim: number;
  readonly nChildren: number;
  /** Cells in use. */
  nCells = 0;
  /** `children[c * nChildren + k]`: child cell or -1. */
  children: Int32Array;
  isLeaf: Uint8Array;
  /** Number of points in the cell (duplicates included). */
  size: Float64Array;
  /** Barycentre of the cell's points, `dim` per cell. */
  bary: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  center: Float64Array;
  /** Largest squared side length of the cell. */
  sqWidth: Float64Array;
  #stack = new Int32Array(64);
  #rootLo: Float64Array;
  #rootHi: Float64Array;

  /** @param dim - 1, 2 or 3. */
  constructor(dim: number) {
    if (!Number.isInteger(dim) || dim < 1 || dim > 3)
      throw new RangeError(`SpaceTree needs 1 to 3 dimensions, got ${dim}`);
    this.dim = dim;
    this.nChildren = 1 << dim;
    this.#rootLo = new Float64Array(dim);
    this.#rootHi = new Float64Array(dim);
    const cap = 64;
    this.children = new Int32Array(cap * this.nChildren);
    this.isLeaf = new Uint8Array(cap);
    this.size = new Float64Array(cap);
    this.bary = new Float64Array(cap * dim);
    this.lower = new Float64Array(cap * dim);
    this.upper = new Float64Array(cap * dim);
    this.center = new Float64Array(cap * dim);
    this.sqWidth = new Float64Array(cap);
  }

  #grow(): void {
    const cap = this.isLeaf.length * 2;
    const resize = <T extends Float64Array | Int32Array | Uint8Array>(a: T, per: number): T => {
      const b = new (a.constructor as new (n: number) => T)(cap * per);
      b.set(a);
      return b;
    };
    this.children = resize(this.children, this.nChildren);
    this.isLeaf = resize(this.isLeaf, 1);
    this.size = resize(this.size, 1);
    this.bary = resize(this.bary, this.dim);
    this.lower = resize(this.lower, this.dim);
    this.upper = resize(this.upper, this.dim);
    this.center = resize(this.center, this.dim);
    this.sqWidth = resize(this.sqWidth, 1);
  }

  /**
   * A new empty leaf: the root (`parent` -1, bounds from `rootLo`/`rootHi`)
   * or child `idx` of `parent` (the parent's half along each dimension).
   */
  #newCell(parent: number, idx: number): number {
    if (this.nCells === this.isLeaf.length) this.#grow();
    const c = this.nCells++;
    const D = this.dim;
    this.children.fill(-1, c * this.nChildren, (c + 1) * this.nChildren);
    this.isLeaf[c] = 1;
    this.size[c] = 0;
    let w = 0;
    for (let k = 0; k < D; k++) {
      let lo: number;
      let hi: number;
      if (parent < 0) {
        lo = this.#rootLo[k];
        hi = this.#rootHi[k];
      } else {
        const mid = this.center[parent * D + k];
        if ((idx >> (D - 1 - k)) & 1) {
          lo = mid;
          hi = this.upper[parent * D + k];
        } else {
          lo = this.lower[parent * D + k];
          hi = mid;
        }
      }
      this.lower[c * D + k] = lo;
      this.upper[c * D + k] = hi;
      this.center[c * D + k] = (lo + hi) / 2;
      this.bary[c * D + k] = 0;
      w = Math.max(w, (hi - lo) * (hi - lo));
    }
    this.sqWidth[c] = w;
    return c;
  }

  #childIndex(cell: number, p: Float64Array, po: number): number {
    let idx = 0;
    for (let k = 0; k < this.dim; k++) idx = idx * 2 + (p[po + k] >= this.center[cell * this.dim + k] ? 1 : 0);
    return idx;
  }

  #child(cell: number, idx: number): number {
    const existing = this.children[cell * this.nChildren + idx];
    if (existing >= 0) return existing;
    const c = this.#newCell(cell, idx);
    this.children[cell * this.nChildren + idx] = c;
    return c;
  }

  /** Rebuilds the tree over the `n` points of `y` (`n x dim`, row-major). */
  build(y: Float64Array, n: number): void {
    const D = this.dim;
    this.nCells = 0;
    const lo = this.#rootLo.fill(Number.POSITIVE_INFINITY);
    const hi = this.#rootHi.fill(Number.NEGATIVE_INFINITY);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < D; k++) {
        const v = y[i * D + k];
        if (v < lo[k]) lo[k] = v;
        if (v > hi[k]) hi[k] = v;
      }
    }
    // Widen the upper bound a little so the largest point falls inside.
    for (let k = 0; k < D; k++) hi[k] = Math.max(hi[k] + EPSILON, hi[k] * (1 + 1e-3 * Math.sign(hi[k])));
    this.#newCell(-1, 0);
    for (let i = 0; i < n; i++) this.#insert(y, i * D);
    if (D === 2) this.#pack();
  }

  #packed = new Float64Array(0);

  /** 2-D cells as `[bx, by, size, sqWidth or -1 for a leaf]` records, for {@link repulsion2}. */
  #pack(): void {
    const m = this.nCells;
    if (this.#packed.length < 4 * m) this.#packed = new Float64Array(8 * m);
    const pk = this.#packed;
    for (let c = 0; c < m; c++) {
      pk[4 * c] = this.bary[2 * c];
      pk[4 * c + 1] = this.bary[2 * c + 1];
      pk[4 * c + 2] = this.size[c];
      pk[4 * c + 3] = this.isLeaf[c] ? -1 : this.sqWidth[c];
    }
  }

  /**
   * {@link repulsion} specialised to 2-D and one degree of freedom (the
   * default t-SNE), on the packed cell records: the hot loop of Barnes-Hut.
   */
  repulsion2(px: number, py: number, theta2: number, neg: Float64Array, no: number): number {
    const pk = this.#packed;
    const children = this.children;
    let stack = this.#stack;
    let top = 0;
    stack[top++] = 0;
    let sumQ = 0;
    let nx = 0;
    let ny = 0;
    while (top > 0) {
      const c = stack[--top];
      const b = 4 * c;
      const dx = px - pk[b];
      const dy = py - pk[b + 1];
      const d2 = dx * dx + dy * dy;
      const w = pk[b + 3];
      if (w < 0) {
        // A leaf: its points are the query point's duplicates (or itself) when this close.
        if (Math.abs(dx) <= EPSILON && Math.abs(dy) <= EPSILON) continue;
      } else if (!(w < theta2 * d2)) {
        if (top + 4 > stack.length) {
          const bigger = new Int32Array(stack.length * 2);
          bigger.set(stack);
          stack = bigger;
          this.#stack = bigger;
        }
        const co = 4 * c;
        for (let k = 0; k < 4; k++) {
          const child = children[co + k];
          if (child >= 0) stack[top++] = child;
        }
        continue;
      }
      const q = 1 / (1 + d2);
      const s = pk[b + 2];
      sumQ += s * q;
      const m = s * q * q;
      nx += m * dx;
      ny += m * dy;
    }
    neg[no] += nx;
    neg[no + 1] += ny;
    return sumQ;
  }

  #insert(p: Float64Array, po: number): void {
    const D = this.dim;
    let cell = 0;
    for (;;) {
      // Re-read the buffers each step: creating a child may have grown (reallocated) them.
      let { bary, size } = this;
      if (this.isLeaf[cell]) {
        const s = size[cell];
        if (s === 0) {
          for (let k = 0; k < D; k++) bary[cell * D + k] = p[po + k];
          size[cell] = 1;
          return;
        }
        let duplicate = true;
        for (let k = 0; k < D; k++) duplicate &&= Math.abs(bary[cell * D + k] - p[po + k]) <= EPSILON;
        if (duplicate) {
          for (let k = 0; k < D; k++) bary[cell * D + k] = (s * bary[cell * D + k] + p[po + k]) / (s + 1);
          size[cell] = s + 1;
          return;
        }
        // Split: the points already here move down into one child.
        const moved = this.#child(cell, this.#childIndex(cell, bary, cell * D));
        ({ bary, size } = this);
        for (let k = 0; k < D; k++) bary[moved * D + k] = bary[cell * D + k];
        size[moved] = s;
        this.isLeaf[cell] = 0;
      }
      const s = size[cell];
      for (let k = 0; k < D; k++) bary[cell * D + k] = (s * bary[cell * D + k] + p[po + k]) / (s + 1);
      size[cell] = s + 1;
      cell = this.#child(cell, this.#childIndex(cell, p, po));
    }
  }

  /**
   * The repulsive part of the t-SNE gradient at point `p[po..]`: adds
   * `Σ size · q² · (p - barycentre)` over the cells the Barnes-Hut criterion
   * (`width² / dist² < theta²`) accepts into `neg[no..]` and returns
   * `Σ size · q`, with `q = (1 + dist²/dof)^(-(dof+1)/2)`. Leaves holding
   * duplicates of the point itself are skipped, as sklearn.
   */
  repulsion(p: Float64Array, po: number, theta2: number, dof: number, neg: Float64Array, no: number): number {
    const D = this.dim;
    const { bary, size, isLeaf, sqWidth, children } = this;
    const nc = this.nChildren;
    const exponent = (dof + 1) / 2;
    let stack = this.#stack;
    let top = 0;
    stack[top++] = 0;
    let sumQ = 0;
    let d0 = 0;
    let d1 = 0;
    let d2 = 0;
    while (top > 0) {
      const c = stack[--top];
      if (size[c] === 0) continue;
      const bo = c * D;
      d0 = p[po] - bary[bo];
      let dist2 = d0 * d0;
      let dup = Math.abs(d0) <= EPSILON;
      if (D > 1) {
        d1 = p[po + 1] - bary[bo + 1];
        dist2 += d1 * d1;
        dup &&= Math.abs(d1) <= EPSILON;
      }
      if (D > 2) {
        d2 = p[po + 2] - bary[bo + 2];
        dist2 += d2 * d2;
        dup &&= Math.abs(d2) <= EPSILON;
      }
      const leaf = isLeaf[c] === 1;
      if (dup && leaf) continue;
      if (leaf || sqWidth[c] / dist2 < theta2) {
        let q = dof / (dof + dist2);
        if (dof !== 1) q **= exponent;
        const s = size[c];
        sumQ += s * q;
        const mult = s * q * q;
        neg[no] += mult * d0;
        if (D > 1) neg[no + 1] += mult * d1;
        if (D > 2) neg[no + 2] += mult * d2;
      } else {
        if (top + nc > stack.length) {
          const bigger = new Int32Array(stack.length * 2);
          bigger.set(stack);
          stack = bigger;
          this.#stack = bigger;
        }
        for (let k = 0; k < nc; k++) {
          const child = children[c * nc + k];
          if (child >= 0) stack[top++] = child;
        }
      }
    }
    return sumQ;
  }
}
