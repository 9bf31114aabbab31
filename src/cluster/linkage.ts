/**
 * Hierarchical clustering without connectivity constraints, as scipy's
 * `linkage` (which scikit-learn's AgglomerativeClustering calls): the
 * nearest-neighbour-chain algorithm with Lance–Williams updates for
 * ward/complete/average/single, then scipy's stable sort by merge distance
 * and union-find relabelling (new cluster `i` gets id `n + i`, the smaller
 * child id first). Also sklearn's `_hc_cut` to cut the tree into k clusters.
 */

/** Linkage criterion. */
export type Linkage = 'ward' | 'complete' | 'average' | 'single';

/** A dendrogram: `children` (`(n-1) x 2`), merge `distances`, cluster `sizes`. */
export interface Dendrogram {
  children: Int32Array;
  distances: Float64Array;
  sizes: Int32Array;
}

/**
 * Agglomerative linkage of the rows of `x` (`n x d`, Euclidean distances).
 * @example linkageTree(Float64Array.of(0, 1, 5), 3, 1, 'single').distances // [1, 4]
 */
export function linkageTree(x: Float64Array, n: number, d: number, method: Linkage): Dendrogram {
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) {
        const t = x[i * d + f] - x[j * d + f];
        s += t * t;
      }
      const v = Math.sqrt(s);
      D[i * n + j] = v;
      D[j * n + i] = v;
    }
  }
  const size = new Float64Array(n).fill(1);
  const zx = new Int32Array(n - 1);
  const zy = new Int32Array(n - 1);
  const zd = new Float64Array(n - 1);
  const chain: number[] = [];
  for (let k = 0; k < n - 1; k++) {
    if (chain.length === 0) {
      for (let i = 0; i < n; i++) {
        if (size[i] > 0) {
          chain.push(i);
          break;
        }
      }
    }
    let x0: number;
    let y0: number;
    let best: number;
    for (;;) {
      x0 = chain[chain.length - 1];
      if (chain.length > 1) {
        y0 = chain[chain.length - 2];
        best = D[x0 * n + y0];
      } else {
        y0 = -1;
        best = Number.POSITIVE_INFINITY;
      }
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x0) continue;
        const v = D[x0 * n + i];
        if (v < best) {
          best = v;
          y0 = i;
        }
      }
      if (chain.length > 1 && y0 === chain[chain.length - 2]) break;
      chain.push(y0);
    }
    chain.pop();
    chain.pop();
    const a = Math.min(x0, y0);
    const b = Math.max(x0, y0);
    const na = size[a];
    const nb = size[b];
    zx[k] = a;
    zy[k] = b;
    zd[k] = best;
    size[a] = 0;
    size[b] = na + nb;
    for (let i = 0; i < n; i++) {
      const ni = size[i];
      if (ni === 0 || i === b) continue;
      const da = D[i * n + a];
      const db = D[i * n + b];
      let v: number;
      if (method === 'single') v = Math.min(da, db);
      else if (method === 'complete') v = Math.max(da, db);
      else if (method === 'average') v = (na * da + nb * db) / (na + nb);
      else v = Math.sqrt(((ni + na) * da * da + (ni + nb) * db * db - ni * best * best) / (na + nb + ni));
      D[i * n + b] = v;
      D[b * n + i] = v;
    }
  }
  // scipy: stable sort by distance, then union-find labelling.
  const order = Array.from({ length: n - 1 }, (_, i) => i).sort((p, q) => zd[p] - zd[q] || p - q);
  const parent = new Int32Array(2 * n - 1).map((_, i) => i);
  const sizes = new Int32Array(2 * n - 1).fill(1);
  const find = (v: number): number => {
    let r = v;
    while (parent[r] !== r) r = parent[r];
    while (parent[v] !== r) {
      const next = parent[v];
      parent[v] = r;
      v = next;
    }
    return r;
  };
  const children = new Int32Array(2 * (n - 1));
  const distances = new Float64Array(n - 1);
  for (let i = 0; i < n - 1; i++) {
    const o = order[i];
    const rx = find(zx[o]);
    const ry = find(zy[o]);
    children[2 * i] = Math.min(rx, ry);
    children[2 * i + 1] = Math.max(rx, ry);
    distances[i] = zd[o];
    const id = n + i;
    parent[rx] = id;
    parent[ry] = id;
    sizes[id] = sizes[rx] + sizes[ry];
  }
  return { children, distances, sizes: sizes.slice(n) };
}

/** Python's `heapq` sift operations, reproduced so labels come out in sklearn's order. */
function siftDown(heap: number[], start: number, pos: number): void {
  const item = heap[pos];
  while (pos > start) {
    const parentPos = (pos - 1) >> 1;
    const p = heap[parentPos];
    if (item < p) {
      heap[pos] = p;
      pos = parentPos;
      continue;
    }
    break;
  }
  heap[pos] = item;
}

function siftUp(heap: number[], pos: number): void {
  const end = heap.length;
  const start = pos;
  const item = heap[pos];
  let child = 2 * pos + 1;
  while (child < end) {
    const right = child + 1;
    if (right < end && !(heap[child] < heap[right])) child = right;
    heap[pos] = heap[child];
    pos = child;
    child = 2 * pos + 1;
  }
  heap[pos] = item;
  siftDown(heap, start, pos);
}

/**
 * Labels of the `nLeaves` leaves when the tree is cut into `nClusters`
 * clusters (sklearn's `_hc_cut`, same label numbering).
 * @example hcCut(2, tree.children, n)
 */
export function hcCut(nClusters: number, children: Int32Array, nLeaves: number): Int32Array {
  const last = children.length / 2 - 1;
  const nodes = [-(Math.max(children[2 * last], children[2 * last + 1]) + 1)];
  for (let s = 0; s < nClusters - 1; s++) {
    const row = -nodes[0] - nLeaves;
    const c0 = children[2 * row];
    const c1 = children[2 * row + 1];
    nodes.push(-c0);
    siftDown(nodes, 0, nodes.length - 1);
    // heappushpop(nodes, -c1)
    let item = -c1;
    if (nodes.length > 0 && nodes[0] < item) {
      const top = nodes[0];
      nodes[0] = item;
      item = top;
      siftUp(nodes, 0);
    }
  }
  const labels = new Int32Array(nLeaves);
  nodes.forEach((node, label) => {
    const stack = [-node];
    while (stack.length > 0) {
      const v = stack.pop() as number;
      if (v < nLeaves) labels[v] = label;
      else stack.push(children[2 * (v - nLeaves)], children[2 * (v - nLeaves) + 1]);
    }
  });
  return labels;
}
