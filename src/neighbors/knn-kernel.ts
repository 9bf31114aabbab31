/**
 * A fused WebAssembly SIMD kernel for brute-force k nearest neighbours: for a
 * block of training rows it computes every query's selection key (the same
 * augmented dot product `Σ_f q_f·t'_f` the GEMM formulation uses, summed in the
 * same order, so the keys are bit-identical) and emits only the 4-row panels
 * where some key is at most the query's current k-th best. No `queries × rows`
 * block of keys is written out or scanned in JavaScript: after the first block,
 * almost every panel is rejected inside the kernel.
 *
 * The module is built at runtime with the tensor kernels' byte encoder (no
 * checked-in binary); without WebAssembly SIMD, {@link knnKernelAvailable} is false
 * and the caller keeps its GEMM path.
 */
import { CodeWriter, encodeModule, I32, Op, Simd, V128 } from '../tensor/kernels/wasm/encoder.js';

/** Rows per panel (two f64x2 vectors) and queries per register tile. */
const LANES = 4;

/**
 * `scan(qp, ng, tp, np, dd, thr, keys, meta) -> count`, all addresses in bytes:
 * - `qp`: `ng` query groups, each `dd x 4` (feature-major: the 4 queries' value of feature f together);
 * - `tp`: `np` training panels, each `dd x 4` likewise;
 * - `thr`: one f64 threshold per query (`4·ng`);
 * - for every (group, panel) and each of the group's 4 queries whose 4 keys are not all above
 *   its threshold, writes the 4 keys (f64) at `keys + 32·count` and (query, panel) as two
 *   i32 at `meta + 8·count`, then increments `count`.
 */
function buildModule(): Uint8Array<ArrayBuffer> {
  const [qp, ng, tp, np, dd, thr, keys, meta] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [g, p, qg, qptr, tq, end, count, thrG] = [8, 9, 10, 11, 12, 13, 14, 15];
  const acc = (r: number, v: number) => 16 + r * 2 + v;
  const [b0, b1, a, th] = [24, 25, 26, 27];
  const f = new CodeWriter();
  const i32Add = () => f.op(Op.i32Add);
  f.i32Const(0).localSet(count);
  f.i32Const(0).localSet(g);
  f.localGet(qp).localSet(qg);
  f.localGet(thr).localSet(thrG);
  f.open(Op.loop); // groups
  f.i32Const(0).localSet(p);
  f.localGet(tp).localSet(tq);
  f.open(Op.loop); // panels
  for (let r = 0; r < LANES; r++) for (let v = 0; v < 2; v++) f.i32Const(0).simd(Simd.i32x4Splat).localSet(acc(r, v));
  f.localGet(qg).localSet(qptr);
  f.localGet(qg).localGet(dd).i32Const(32).op(Op.i32Mul);
  i32Add();
  f.localSet(end);
  f.open(Op.loop); // features
  f.localGet(tq).simdMem(Simd.v128Load, 3, 0).localSet(b0);
  f.localGet(tq).simdMem(Simd.v128Load, 3, 16).localSet(b1);
  for (let r = 0; r < LANES; r++) {
    f.localGet(qptr)
      .simdMem(Simd.v128Load64Splat, 3, r * 8)
      .localSet(a);
    for (let v = 0; v < 2; v++) {
      f.localGet(acc(r, v))
        .localGet(a)
        .localGet(v === 0 ? b0 : b1)
        .simd(Simd.f64x2Mul)
        .simd(Simd.f64x2Add)
        .localSet(acc(r, v));
    }
  }
  f.localGet(tq).i32Const(32);
  i32Add();
  f.localSet(tq);
  f.localGet(qptr).i32Const(32);
  i32Add();
  f.localTee(qptr).localGet(end).op(Op.i32LtU).brIf(0);
  f.end(); // features
  for (let r = 0; r < LANES; r++) {
    f.localGet(thrG)
      .simdMem(Simd.v128Load64Splat, 3, r * 8)
      .localSet(th);
    f.localGet(acc(r, 0)).localGet(th).simd(Simd.f64x2Le);
    f.localGet(acc(r, 1)).localGet(th).simd(Simd.f64x2Le);
    f.simd(Simd.v128Or).simd(Simd.v128AnyTrue);
    f.byte(Op.if).byte(Op.void);
    // keys + 32·count
    f.localGet(keys).localGet(count).i32Const(32).op(Op.i32Mul);
    i32Add();
    f.localGet(acc(r, 0)).simdMem(Simd.v128Store, 3, 0);
    f.localGet(keys).localGet(count).i32Const(32).op(Op.i32Mul);
    i32Add();
    f.localGet(acc(r, 1)).simdMem(Simd.v128Store, 3, 16);
    // meta + 8·count: (4·g + r, p)
    f.localGet(meta).localGet(count).i32Const(8).op(Op.i32Mul);
    i32Add();
    f.localGet(g).i32Const(LANES).op(Op.i32Mul).i32Const(r);
    i32Add();
    f.byte(Op.i32Store).u32(2).u32(0);
    f.localGet(meta).localGet(count).i32Const(8).op(Op.i32Mul);
    i32Add();
    f.localGet(p);
    f.byte(Op.i32Store).u32(2).u32(4);
    f.localGet(count).i32Const(1);
    i32Add();
    f.localSet(count);
    f.end(); // if
  }
  f.localGet(p).i32Const(1);
  i32Add();
  f.localTee(p).localGet(np).op(Op.i32LtU).brIf(0);
  f.end(); // panels
  f.localGet(qg).localGet(dd).i32Const(32).op(Op.i32Mul);
  i32Add();
  f.localSet(qg);
  f.localGet(thrG).i32Const(32);
  i32Add();
  f.localSet(thrG);
  f.localGet(g).i32Const(1);
  i32Add();
  f.localTee(g).localGet(ng).op(Op.i32LtU).brIf(0);
  f.end(); // groups
  f.localGet(count);
  return encodeModule({
    memoryMinPages: 1,
    functions: [
      {
        params: [I32, I32, I32, I32, I32, I32, I32, I32],
        results: [I32],
        locals: [...new Array<number>(8).fill(I32), ...new Array<number>(12).fill(V128)],
        body: f,
        exportName: 'scan',
      },
    ],
  });
}

type Scan = (
  qp: number,
  ng: number,
  tp: number,
  np: number,
  dd: number,
  thr: number,
  keys: number,
  meta: number,
) => number;

interface KernelState {
  memory: WebAssembly.Memory;
  scan: Scan;
}

/** `undefined`: not tried yet; `null`: unavailable. */
let state: KernelState | null | undefined;

function init(): KernelState | null {
  if (state !== undefined) return state;
  state = null;
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = buildModule();
    if (!WebAssembly.validate(bytes)) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    state = { memory, scan: instance.exports.scan as unknown as Scan };
  } catch {
    state = null;
  }
  return state;
}

/**
 * Whether the fused kernel can run here (WebAssembly SIMD); the module is built on first call.
 * @example if (knnKernelAvailable()) knnScan(...)
 */
export function knnKernelAvailable(): boolean {
  return init() !== null;
}

/** Training rows per kernel call: 256 panels of 21 features = 172 KB, kept in L2 while every query group passes. */
const TRAIN_BLOCK = 1024;

/**
 * The k-best selection of {@link knnScan}: receives every candidate that may enter a query's
 * k best (`offer(i, key, j)`) and reports each query's current k-th best key (`worst(i)`).
 */
export interface KeySink {
  worst(i: number): number;
  offer(i: number, key: number, j: number): void;
}

/**
 * Offers `sink` every (query `i`, training row `j`, key) whose key
 * `Σ_f q'_{i,f}·t'_{j,f}` could be among the query's k best, where `q'` is the
 * query row with a trailing 1 and `t'` the training row times `scale` with `last(j)`
 * appended (euclidean: `scale = −2`, `last = ‖t‖²`, so the key is the squared
 * distance minus `‖q‖²`). Keys are summed feature by feature in order, exactly as
 * the GEMM formulation; rows whose 4-row panel is wholly above the query's threshold
 * (its k-th best at the start of the training block) are skipped in WebAssembly.
 * Throws if {@link knnKernelAvailable} is false.
 * @example knnScan(train, n, query, nq, d, -2, (j) => norms[j], sink)
 */
export function knnScan(
  train: Float64Array,
  n: number,
  query: Float64Array,
  nq: number,
  d: number,
  scale: number,
  last: Float64Array,
  sink: KeySink,
): void {
  const s = init();
  if (s === null) throw new Error('knnScan: WebAssembly SIMD is not available');
  const dd = d + 1;
  const ng = Math.ceil(nq / LANES);
  const tb = Math.min(TRAIN_BLOCK, Math.ceil(n / LANES) * LANES);
  const npMax = tb / LANES;
  const cap = ng * LANES * npMax;
  // Layout (f64 units): [queries | thresholds | training block | keys], then meta (i32 pairs).
  const qOff = 0;
  const thrOff = qOff + ng * dd * LANES;
  const tOff = thrOff + ng * LANES;
  const keysOff = tOff + npMax * dd * LANES;
  const metaOff = keysOff + cap * LANES;
  const bytes = (metaOff + cap) * 8;
  const have = s.memory.buffer.byteLength;
  if (bytes > have) s.memory.grow(Math.ceil((bytes - have) / 65536));
  const f64 = new Float64Array(s.memory.buffer);
  const i32 = new Int32Array(s.memory.buffer);
  // Queries, 4 at a time, feature-major; missing queries are zeros and never emitted (threshold −∞).
  f64.fill(0, qOff, thrOff);
  for (let i = 0; i < nq; i++) {
    const base = qOff + Math.floor(i / LANES) * dd * LANES + (i % LANES);
    for (let c = 0; c < d; c++) f64[base + c * LANES] = query[i * d + c];
    f64[base + d * LANES] = 1;
  }
  for (let i = 0; i < ng * LANES; i++) f64[thrOff + i] = i < nq ? sink.worst(i) : Number.NEGATIVE_INFINITY;
  for (let j0 = 0; j0 < n; j0 += tb) {
    const rows = Math.min(tb, n - j0);
    const np = Math.ceil(rows / LANES);
    for (let pp = 0; pp < np; pp++) {
      const base = tOff + pp * dd * LANES;
      for (let l = 0; l < LANES; l++) {
        const j = j0 + pp * LANES + l;
        if (j < n) {
          for (let c = 0; c < d; c++) f64[base + c * LANES + l] = scale * train[j * d + c];
          f64[base + d * LANES + l] = last[j];
        } else {
          // Padding rows: key +∞, emitted at most while a threshold is still +∞ and skipped below.
          for (let c = 0; c < d; c++) f64[base + c * LANES + l] = 0;
          f64[base + d * LANES + l] = Number.POSITIVE_INFINITY;
        }
      }
    }
    const count = s.scan(qOff * 8, ng, tOff * 8, np, dd, thrOff * 8, keysOff * 8, metaOff * 8);
    for (let c = 0; c < count; c++) {
      const i = i32[2 * (metaOff + c)];
      const jp = j0 + i32[2 * (metaOff + c) + 1] * LANES;
      const kb = keysOff + c * LANES;
      for (let l = 0; l < LANES && jp + l < n; l++) {
        const v = f64[kb + l];
        if (v <= f64[thrOff + i]) {
          sink.offer(i, v, jp + l);
          f64[thrOff + i] = sink.worst(i);
        }
      }
    }
  }
}
