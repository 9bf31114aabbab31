/**
 * Graph algorithms on neighbour graphs (scipy's `csgraph` pieces Isomap and
 * spectral embedding need): undirected symmetrisation, connected components,
 * all-pairs shortest paths by Dijkstra (binary heap) or Floyd–Warshall.
 */
import type { Csr } from './joint-probabilities.js';

/**
 * The undirected version of a directed CSR graph: each stored edge (i, j, w)
 * is usable both ways (scipy's `directed=False`). Parallel edges are kept;
 * path searches take the cheaper one.
 * @example const g = undirected({ n, indptr, indices, data });
 */
export function undirected(g: Csr): Csr {
  const { n, indptr, indices, data } = g;
  const counts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    for (let t = indptr[i]; t < indptr[i + 1]; t++) {
      counts[i + 1]++;
      counts[indices[t] + 1]++;
    }
  }
  for (let i = 0; i < n; i++) counts[i + 1] += counts[i];
  const fill = counts.slice(0, n);
  const outInd = new Int32Array(counts[n]);
  const outData = new Float64Array(counts[n]);
  for (let i = 0; i < n; i++) {
    for (let t = indptr[i]; t < indptr[i + 1]; t++) {
      const j = indices[t];
      outInd[fill[i]] = j;
      outData[fill[i]++] = data[t];
      outInd[fill[j]] = i;
      outData[fill[j]++] = data[t];
    }
  }
  return { n, indptr: counts, indices: outInd, data: outData };
}

/**
 * Connected components of an undirected graph (give it {@link undirected}
 * output): the count and a component label per node, numbered in order of
 * their smallest node.
 * @example connectedComponents(undirected(g)).count
 */
export function connectedComponents(g: Csr): { count: number; labels: Int32Array } {
  const { n, indptr, indices } = g;
  const labels = new Int32Array(n).fill(-1);
  const stack = new Int32Array(n);
  let count = 0;
  for (let s = 0; s < n; s++) {
    if (labels[s] >= 0) continue;
    let top = 0;
    stack[top++] = s;
    labels[s] = count;
    while (top > 0) {
      const i = stack[--top];
      for (let t = indptr[i]; t < indptr[i + 1]; t++) {
        const j = indices[t];
        if (labels[j] < 0) {
          labels[j] = count;
          stack[top++] = j;
        }
      }
    }
    count++;
  }
  return { count, labels };
}

/**
 * All-pairs shortest path lengths by Dijkstra from every node (`n x n`,
 * Infinity between components). Edge weights must be non-negative.
 * @example const D = dijkstraAll(undirected(g));
 */
export function dijkstraAll(g: Csr): Float64Array {
  const { n, indptr, indices, data } = g;
  const out = new Float64Array(n * n);
  // Lazy-deletion binary heap of (distance, node); at most one entry per edge relaxation.
  const cap = indices.length + n + 1;
  const hk = new Float64Array(cap);
  const hv = new Int32Array(cap);
  const done = new Uint8Array(n);
  for (let s = 0; s < n; s++) {
    const dist = out.subarray(s * n, (s + 1) * n);
    dist.fill(Number.POSITIVE_INFINITY);
    done.fill(0);
    dist[s] = 0;
    let size = 0;
    const push = (key: number, v: number) => {
      let pos = size++;
      while (pos > 0) {
        const parent = (pos - 1) >> 1;
        if (hk[parent] <= key) break;
        hk[pos] = hk[parent];
        hv[pos] = hv[parent];
        pos = parent;
      }
      hk[pos] = key;
      hv[pos] = v;
    };
    push(0, s);
    while (size > 0) {
      const key = hk[0];
      const i = hv[0];
      // Pop: move the last entry to the root and sift it down.
      size--;
      const lk = hk[size];
      const lv = hv[size];
      let pos = 0;
      for (;;) {
        let c = 2 * pos + 1;
        if (c >= size) break;
        if (c + 1 < size && hk[c + 1] < hk[c]) c++;
        if (hk[c] >= lk) break;
        hk[pos] = hk[c];
        hv[pos] = hv[c];
        pos = c;
      }
      hk[pos] = lk;
      hv[pos] = lv;
      if (done[i] || key > dist[i]) continue;
      done[i] = 1;
      for (let t = indptr[i]; t < indptr[i + 1]; t++) {
        const j = indices[t];
        const nd = key + data[t];
        if (nd < dist[j]) {
          dist[j] = nd;
          push(nd, j);
        }
      }
    }
  }
  return out;
}

/**
 * All-pairs shortest path lengths by Floyd–Warshall (O(n³)), from the
 * undirected graph's edges.
 * @example const D = floydWarshall(undirected(g));
 */
export function floydWarshall(g: Csr): Float64Array {
  const { n, indptr, indices, data } = g;
  const D = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < n; i++) {
    D[i * n + i] = 0;
    for (let t = indptr[i]; t < indptr[i + 1]; t++) {
      const j = indices[t];
      if (j !== i && data[t] < D[i * n + j]) D[i * n + j] = data[t];
    }
  }
  for (let k = 0; k < n; k++) {
    const rk = k * n;
    for (let i = 0; i < n; i++) {
      const dik = D[i * n + k];
      if (dik === Number.POSITIVE_INFINITY) continue;
      const ri = i * n;
      for (let j = 0; j < n; j++) {
        const v = dik + D[rk + j];
        if (v < D[ri + j]) D[ri + j] = v;
      }
    }
  }
  return D;
}
