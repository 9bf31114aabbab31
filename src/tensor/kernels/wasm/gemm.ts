import { scaleMatrix } from '../js/scale.js';
import type { FloatArray } from '../types.js';
import { CodeWriter, encodeModule } from './encoder.js';
import { buildGemmModule, F32_SHAPE, F64_SHAPE, type MicroKernelShape, microCols } from './gemm-module.js';

/** Cache blocking for one element type (see the kernels README for how they were chosen). */
interface Blocking {
  shape: MicroKernelShape;
  /** Rows of the A block packed at once (multiple of `mr`); the block stays in L2. */
  mc: number;
  /** Depth of a packed panel; a `kc x nr` B micro-panel stays in L1. */
  kc: number;
  /** Columns of the B block packed at once; it stays in L3. */
  nc: number;
}

const F32_BLOCKING: Blocking = { shape: F32_SHAPE, mc: 128, kc: 256, nc: 2048 };
const F64_BLOCKING: Blocking = { shape: F64_SHAPE, mc: 96, kc: 256, nc: 1024 };

/** The C chunk copied into WASM memory is capped at this many bytes (rows are chunked). */
const C_CHUNK_BYTES = 32 * 1024 * 1024;

type Macro = (a: number, b: number, c: number, mc: number, nc: number, kc: number, ldc: number, alpha: number) => void;
type Strided = (
  a: number,
  b: number,
  c: number,
  mc: number,
  nc: number,
  kc: number,
  ldc: number,
  alpha: number,
  ra: number,
  sa: number,
  sb: number,
) => void;

/** Bytes of A and B rows copied per k-block on the transA direct path (stays in L2). */
const DIRECT_BLOCK_BYTES = 192 * 1024;
/** Columns of B counted against {@link DIRECT_BLOCK_BYTES} on the transA direct path. */
const DIRECT_B_WIDTH = 256;
/** Deepest product a non-transposed A takes the direct path for (see {@link useDirect}). */
const DIRECT_MAX_K = 32;
/** Depth per macro call on the non-transposed direct path (the B rows it reads stay in L1/L2). */
const DIRECT_KC = 256;

type Transpose = (src: number, dst: number, rows: number, cols: number, ldd: number) => void;

interface WasmState {
  memory: WebAssembly.Memory;
  t32: Transpose;
  t64: Transpose;
  f32: Macro;
  f64: Macro;
  f32s: Strided;
  f64s: Strided;
  f32ss: Strided;
  /** Views on `memory.buffer`; re-created whenever the memory grows (growth detaches the old buffer). */
  view32: Float32Array;
  view64: Float64Array;
}

/** `undefined`: not tried yet; `null`: unavailable (no SIMD, or compilation refused). */
let state: WasmState | null | undefined;

/**
 * True when the engine validates a module using fixed-width SIMD. The probe is
 * `(func (drop (i8x16.splat (i32.const 0))))`, built with the same encoder.
 */
function simdSupported(): boolean {
  const body = new CodeWriter().i32Const(0).simd(0x0f /* i8x16.splat */).op(0x1a /* drop */);
  const bytes = encodeModule({ memoryMinPages: 0, functions: [{ params: [], results: [], locals: [], body }] });
  return WebAssembly.validate(bytes);
}

function init(): WasmState | null {
  if (state !== undefined) return state;
  state = null;
  try {
    if (typeof WebAssembly !== 'object' || !simdSupported()) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    // Synchronous compile: each module is < 4 KiB, the limit Chrome allows on the main thread.
    const instantiate = (shape: MicroKernelShape) => {
      const module = new WebAssembly.Module(buildGemmModule(shape));
      return new WebAssembly.Instance(module, { env: { memory } }).exports;
    };
    const e32 = instantiate(F32_SHAPE);
    const e64 = instantiate(F64_SHAPE);
    state = {
      memory,
      f32: e32.macro as Macro,
      f64: e64.macro as Macro,
      f32s: e32.strided as Strided,
      f64s: e64.strided as Strided,
      t32: e32.transpose as Transpose,
      f32ss: e32.stridedStore as Strided,
      t64: e64.transpose as Transpose,
      view32: new Float32Array(memory.buffer),
      view64: new Float64Array(memory.buffer),
    };
  } catch {
    // Compilation refused (e.g. a Content-Security-Policy without 'wasm-unsafe-eval'):
    // the registry then reports only the js backend.
    state = null;
  }
  return state;
}

/**
 * Whether the WASM SIMD GEMM can run here. The first call builds and compiles the modules
 * (well under a millisecond); the answer is cached.
 *
 * @example
 * if (wasmGemmAvailable()) gemmWasm(false, false, m, n, k, 1, a, k, b, n, 0, c, n);
 */
export function wasmGemmAvailable(): boolean {
  return init() !== null;
}

/**
 * The WASM GEMM's memory and float32 strided macro-kernel, lent to fused kernels (e.g. nn's
 * conv -> relu -> max-pool) that place their operands in that memory themselves, run the
 * conv product with `strided32` and post-process the result in place without copying it
 * back to JS. Internal: any `gemm` call may overwrite the memory, and `view32` may grow it
 * (detaching earlier views), so a borrower keeps nothing there across `gemm` calls.
 * `null` when WASM SIMD is unavailable.
 *
 * @example
 * const arena = wasmGemmArena();
 * if (arena !== null) arena.view32(1 << 20).fill(0, 0, 16);
 */
export interface WasmGemmArena {
  memory: WebAssembly.Memory;
  /** `strided(a, b, c, mc, nc, kc, ldc, alpha, ra, sa, sb)` of the float32 module (see gemm-module.ts). */
  strided32: Strided;
  /** Its variant writing `C = alpha * A @ B` without reading C (`stridedStore`). */
  stridedStore32: Strided;
  /** Grows the memory to at least `bytes` and returns a float32 view of all of it. */
  view32(bytes: number): Float32Array;
}

let arena: WasmGemmArena | null | undefined;

/**
 * The shared {@link WasmGemmArena}, or `null` without WASM SIMD.
 * @example
 * const view = wasmGemmArena()?.view32(4096); // float32 view of at least 4 KiB
 */
export function wasmGemmArena(): WasmGemmArena | null {
  if (arena !== undefined) return arena;
  const s = init();
  arena =
    s === null
      ? null
      : {
          memory: s.memory,
          strided32: s.f32s,
          stridedStore32: s.f32ss,
          view32(bytes: number): Float32Array {
            ensureBytes(s, bytes);
            return s.view32;
          },
        };
  return arena;
}

function ensureBytes(s: WasmState, bytes: number): void {
  const have = s.memory.buffer.byteLength;
  if (bytes <= have) return;
  s.memory.grow(Math.ceil((bytes - have) / 65536));
  s.view32 = new Float32Array(s.memory.buffer);
  s.view64 = new Float64Array(s.memory.buffer);
}

const roundUp = (x: number, to: number) => Math.ceil(x / to) * to;

/**
 * Packs rows `i0 .. i0+mb` and depths `p0 .. p0+kb` of op(A) into `ceil(mb / mr)` panels
 * of `kbPad x mr` starting at `dst[off]`, zero-padding rows past `mb` and depths past `kb`.
 */
function packA(
  transA: boolean,
  a: FloatArray,
  lda: number,
  i0: number,
  mb: number,
  p0: number,
  kb: number,
  kbPad: number,
  mr: number,
  dst: FloatArray,
  off: number,
): void {
  for (let ip = 0; ip < mb; ip += mr) {
    const rows = Math.min(mr, mb - ip);
    if (transA) {
      for (let p = 0; p < kb; p++) {
        const src = (p0 + p) * lda + i0 + ip;
        const d = off + p * mr;
        for (let r = 0; r < rows; r++) dst[d + r] = a[src + r];
        for (let r = rows; r < mr; r++) dst[d + r] = 0;
      }
    } else {
      for (let r = 0; r < rows; r++) {
        const src = (i0 + ip + r) * lda + p0;
        for (let p = 0, d = off + r; p < kb; p++, d += mr) dst[d] = a[src + p];
      }
      for (let r = rows; r < mr; r++) for (let p = 0, d = off + r; p < kb; p++, d += mr) dst[d] = 0;
    }
    dst.fill(0, off + kb * mr, off + kbPad * mr);
    off += kbPad * mr;
  }
}

/**
 * Packs depths `p0 .. p0+kb` and columns `j0 .. j0+nb` of op(B) into `ceil(nb / nr)`
 * panels of `kbPad x nr` starting at `dst[off]`, zero-padded like {@link packA}.
 */
function packB(
  transB: boolean,
  b: FloatArray,
  ldb: number,
  j0: number,
  nb: number,
  p0: number,
  kb: number,
  kbPad: number,
  nr: number,
  dst: FloatArray,
  off: number,
): void {
  for (let jp = 0; jp < nb; jp += nr) {
    const cols = Math.min(nr, nb - jp);
    if (transB) {
      for (let j = 0; j < cols; j++) {
        const src = (j0 + jp + j) * ldb + p0;
        for (let p = 0, d = off + j; p < kb; p++, d += nr) dst[d] = b[src + p];
      }
      for (let j = cols; j < nr; j++) for (let p = 0, d = off + j; p < kb; p++, d += nr) dst[d] = 0;
    } else {
      for (let p = 0; p < kb; p++) {
        const src = (p0 + p) * ldb + j0 + jp;
        const d = off + p * nr;
        for (let j = 0; j < cols; j++) dst[d + j] = b[src + j];
        for (let j = cols; j < nr; j++) dst[d + j] = 0;
      }
    }
    dst.fill(0, off + kb * nr, off + kbPad * nr);
    off += kbPad * nr;
  }
}

/**
 * WebAssembly SIMD GEMM (the `wasm` backend): `C = alpha * op(A) @ op(B) + beta * C`,
 * row-major, same arguments as `gemm`. Throws if {@link wasmGemmAvailable} is false.
 *
 * GotoBLAS/BLIS structure: C is processed in chunks of at most `nc` columns (and
 * `C_CHUNK_BYTES` of rows) copied into WASM memory with beta applied; for each k-block of
 * `kc`, a `kc x nc` block of op(B) is packed into `nr`-column panels, then each `mc`-row
 * block of op(A) is packed into `mr`-row panels and the WASM macro-kernel sweeps the
 * micro-kernel over it. Packing (in TS) absorbs the transposes and zero-pads the edges,
 * so the WASM code has a single layout and no edge cases; the chunk is copied back to C
 * at the end, so padded rows/columns never reach the caller.
 *
 * @example
 * const c = new Float32Array(4);
 * gemmWasm(false, true, 2, 2, 1, 1, new Float32Array([1, 2]), 1, new Float32Array([3, 4]), 1, 0, c, 2);
 * // c = [3, 4, 6, 8]
 */
export function gemmWasm(
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  lda: number,
  b: FloatArray,
  ldb: number,
  beta: number,
  c: FloatArray,
  ldc: number,
): void {
  if (m === 0 || n === 0) return;
  if (k === 0 || alpha === 0) {
    scaleMatrix(m, n, beta, c, ldc);
    return;
  }
  const s = init();
  if (s === null) throw new Error("gemm: the 'wasm' backend is not available (no WebAssembly SIMD)");
  const f32 = c instanceof Float32Array;
  if (transB ? !transA && useDirectT(m, n, k) : useDirect(f32, transA, m, n, k)) {
    gemmDirect(s, f32, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    return;
  }
  const blk = f32 ? F32_BLOCKING : F64_BLOCKING;
  const macro = f32 ? s.f32 : s.f64;
  const es = f32 ? 4 : 8;
  const { mr, unroll } = blk.shape;
  const nr = microCols(blk.shape);

  // Memory layout (bytes): [A block | B block | C chunk], each 64-byte aligned.
  const kcMaxPad = roundUp(Math.min(blk.kc, k), unroll);
  const mcMaxPad = roundUp(Math.min(blk.mc, m), mr);
  const ncMaxPad = roundUp(Math.min(blk.nc, n), nr);
  const aBytes = roundUp(mcMaxPad * kcMaxPad * es, 64);
  const bBytes = roundUp(kcMaxPad * ncMaxPad * es, 64);
  const chunkRows = Math.max(mr, Math.floor(C_CHUNK_BYTES / (ncMaxPad * es) / mr) * mr);
  const moMaxPad = roundUp(Math.min(chunkRows, m), mr);
  ensureBytes(s, aBytes + bBytes + moMaxPad * ncMaxPad * es);
  const view = f32 ? s.view32 : s.view64;
  const aOff = 0;
  const bOff = aBytes / es;
  const cOff = (aBytes + bBytes) / es;

  for (let i0 = 0; i0 < m; i0 += chunkRows) {
    const mo = Math.min(chunkRows, m - i0);
    const moPad = roundUp(mo, mr);
    for (let j0 = 0; j0 < n; j0 += blk.nc) {
      const nb = Math.min(blk.nc, n - j0);
      const ldw = roundUp(nb, nr);
      // Load the chunk of C scaled by beta; zero its padding so no garbage (denormals) enters the math.
      for (let r = 0; r < mo; r++) {
        const src = (i0 + r) * ldc + j0;
        const d = cOff + r * ldw;
        if (beta === 0) view.fill(0, d, d + nb);
        else if (beta === 1) view.set(c.subarray(src, src + nb), d);
        else for (let j = 0; j < nb; j++) view[d + j] = beta * c[src + j];
        view.fill(0, d + nb, d + ldw);
      }
      view.fill(0, cOff + mo * ldw, cOff + moPad * ldw);
      for (let p0 = 0; p0 < k; p0 += blk.kc) {
        const kb = Math.min(blk.kc, k - p0);
        const kbPad = roundUp(kb, unroll);
        packB(transB, b, ldb, j0, nb, p0, kb, kbPad, nr, view, bOff);
        for (let ic = 0; ic < mo; ic += blk.mc) {
          const mb = Math.min(blk.mc, mo - ic);
          packA(transA, a, lda, i0 + ic, mb, p0, kb, kbPad, mr, view, aOff);
          macro(aOff * es, bOff * es, (cOff + ic * ldw) * es, roundUp(mb, mr), ldw, kbPad, ldw * es, alpha);
        }
      }
      for (let r = 0; r < mo; r++) {
        const d = cOff + r * ldw;
        c.set(view.subarray(d, d + nb), (i0 + r) * ldc + j0);
      }
    }
  }
}

/**
 * Whether the direct path (operands copied row-major, no packing) beats packing: op(B)
 * not transposed and C narrow (and, for a transposed A, short), i.e. the shapes where
 * packing costs as much as the product (X^T X with few features, X @ W with few outputs).
 */
function useDirect(f32: boolean, transA: boolean, m: number, n: number, k: number): boolean {
  // Measured: for a non-transposed A the strided kernel (4 rows k apart) was slower than
  // packing in float64 and only sometimes faster in float32 (X @ W, k = 100, n = 10), so
  // that case keeps packing, except for a shallow product with few rows and many columns
  // (a convolution's W @ im2col, 32 x 86528 x 9): there packing B is a TS copy of all of B
  // for 2k flops per element, while the direct path memcpys it.
  if (!transA) return m <= 256 && ((k <= DIRECT_MAX_K && n >= 8 * m) || (k <= DIRECT_KC && n >= 2 * m));
  // A transposed A with few rows: C (m x n) stays in WASM memory across the k blocks, so
  // it is bounded like a C chunk. Measured on layer weight gradients G^T X (64 x 5408 x 128,
  // 64 x 784 x 128, float32): 1.3-2x faster than packing the 128-row X.
  return m <= 128 && (n <= 128 || roundUp(m, 4) * roundUp(n, 8) * (f32 ? 4 : 8) <= C_CHUNK_BYTES);
}

/**
 * Whether `A @ B^T` (A not transposed) takes the direct path with B transposed in WASM:
 * few rows of A and a bounded B (a layer's forward `X W^T`: 128 x 64 x 5408, 128 x 64 x 784).
 * Packing there copied all of A (row panels, a scattered TS loop) and transposed all of B
 * in TS on every call, about half the time of the product; the direct path memcpys both
 * and transposes B with a WASM loop. The product's k blocks are the packed path's, so the
 * sums are the same.
 */
function useDirectT(m: number, n: number, k: number): boolean {
  return m <= 256 && n >= 8 && n <= 1024 && k >= 16;
}

/**
 * `dst[dstOff + r*dstLd + j] = src[srcOff + r*ld + j]` for `rows x cols`, zeroing each
 * row's padding up to `dstLd` (one memcpy when the strides already match).
 */
function copyRows(
  src: FloatArray,
  srcOff: number,
  ld: number,
  rows: number,
  cols: number,
  dst: FloatArray,
  dstOff: number,
  dstLd: number,
): void {
  if (ld === dstLd) {
    dst.set(src.subarray(srcOff, srcOff + (rows - 1) * ld + cols), dstOff);
    dst.fill(0, dstOff + (rows - 1) * ld + cols, dstOff + rows * ld);
    return;
  }
  for (let r = 0; r < rows; r++) {
    const si = srcOff + r * ld;
    const di = dstOff + r * dstLd;
    if (cols >= 64) dst.set(src.subarray(si, si + cols), di);
    else for (let j = 0; j < cols; j++) dst[di + j] = src[si + j];
    for (let j = cols; j < dstLd; j++) dst[di + j] = 0;
  }
}

/** Loads `rows x cols` of C (stride `ldc`) scaled by `beta` into `view` (stride `ldw`, padding zeroed). */
function loadC(
  c: FloatArray,
  c0: number,
  ldc: number,
  rows: number,
  cols: number,
  beta: number,
  view: FloatArray,
  d0: number,
  ldw: number,
): void {
  for (let r = 0; r < rows; r++) {
    const src = c0 + r * ldc;
    const d = d0 + r * ldw;
    if (beta === 0) view.fill(0, d, d + cols);
    else if (beta === 1) view.set(c.subarray(src, src + cols), d);
    else for (let j = 0; j < cols; j++) view[d + j] = beta * c[src + j];
    view.fill(0, d + cols, d + ldw);
  }
}

function storeC(
  view: FloatArray,
  d0: number,
  ldw: number,
  rows: number,
  cols: number,
  c: FloatArray,
  c0: number,
  ldc: number,
): void {
  for (let r = 0; r < rows; r++) c.set(view.subarray(d0 + r * ldw, d0 + r * ldw + cols), c0 + r * ldc);
}

/**
 * The direct path (op(B) = B, see {@link useDirect}): operands are copied into WASM memory
 * row-major (one memcpy per block when the strides allow) and the strided macro-kernel
 * reads them in place, so there is no packing. With a transposed A (A stored `k x m`, e.g.
 * X^T X), k is blocked and C stays in WASM memory across blocks; otherwise rows of A are
 * chunked, B is copied once and each chunk sweeps k in blocks of {@link DIRECT_KC}.
 */
function gemmDirect(
  s: WasmState,
  f32: boolean,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: FloatArray,
  lda: number,
  b: FloatArray,
  ldb: number,
  beta: number,
  c: FloatArray,
  ldc: number,
): void {
  const shape = f32 ? F32_SHAPE : F64_SHAPE;
  const fn = f32 ? s.f32s : s.f64s;
  const es = f32 ? 4 : 8;
  const mr = shape.mr;
  const nPad = roundUp(n, microCols(shape));
  // Every region starts 16-byte aligned (C rows must be; A and B need not).
  const at = (elems: number) => roundUp(elems, 16 / es);
  if (transA) {
    const mPad = roundUp(m, mr);
    // Every k block sweeps all of C, so wide products (a layer's weight gradient G^T X,
    // 64 x 5408 x 128) need deep blocks: the B block is streamed once per block anyway
    // (each B panel is used by every A panel right after it is read), so only the A block
    // and a bounded width of B count against the L2 budget. 16-row blocks there spent
    // more time loading and storing C than multiplying.
    const kb = Math.max(16, Math.floor(DIRECT_BLOCK_BYTES / ((mPad + Math.min(nPad, DIRECT_B_WIDTH)) * es)));
    const kbMax = Math.min(kb, k);
    const cOff = 0;
    const aOff = at(mPad * nPad);
    const bOff = aOff + at(kbMax * mPad);
    ensureBytes(s, (bOff + kbMax * nPad) * es);
    const view = f32 ? s.view32 : s.view64;
    loadC(c, 0, ldc, m, n, beta, view, cOff, nPad);
    view.fill(0, cOff + m * nPad, cOff + mPad * nPad);
    for (let p0 = 0; p0 < k; p0 += kb) {
      const kk = Math.min(kb, k - p0);
      copyRows(a, p0 * lda, lda, kk, m, view, aOff, mPad);
      copyRows(b, p0 * ldb, ldb, kk, n, view, bOff, nPad);
      fn(aOff * es, bOff * es, cOff * es, mPad, nPad, kk, nPad * es, alpha, es, mPad * es, nPad * es);
    }
    storeC(view, cOff, nPad, m, n, c, 0, ldc);
    return;
  }
  const chunkRows = Math.max(mr, Math.floor(C_CHUNK_BYTES / ((k + nPad) * es) / mr) * mr);
  const moMax = roundUp(Math.min(chunkRows, m), mr);
  const bOff = 0;
  const aOff = at(k * nPad);
  const cOff = aOff + at(moMax * k);
  // B^T: B (n x k) is copied after C, then transposed into the k x nPad block.
  const rawOff = cOff + at(moMax * nPad);
  ensureBytes(s, (transB ? rawOff + n * k : cOff + moMax * nPad) * es);
  const view = f32 ? s.view32 : s.view64;
  if (transB) {
    copyRows(b, 0, ldb, n, k, view, rawOff, k);
    if (nPad > n) view.fill(0, bOff, bOff + k * nPad);
    (f32 ? s.t32 : s.t64)(rawOff * es, bOff * es, n, k, nPad * es);
  } else {
    copyRows(b, 0, ldb, k, n, view, bOff, nPad);
  }
  for (let i0 = 0; i0 < m; i0 += chunkRows) {
    const mo = Math.min(chunkRows, m - i0);
    const moPad = roundUp(mo, mr);
    copyRows(a, i0 * lda, lda, mo, k, view, aOff, k);
    view.fill(0, aOff + mo * k, aOff + moPad * k);
    loadC(c, i0 * ldc, ldc, mo, n, beta, view, cOff, nPad);
    view.fill(0, cOff + mo * nPad, cOff + moPad * nPad);
    for (let p0 = 0; p0 < k; p0 += DIRECT_KC) {
      const kk = Math.min(DIRECT_KC, k - p0);
      fn(
        (aOff + p0) * es,
        (bOff + p0 * nPad) * es,
        cOff * es,
        moPad,
        nPad,
        kk,
        nPad * es,
        alpha,
        k * es,
        es,
        nPad * es,
      );
    }
    storeC(view, cOff, nPad, mo, n, c, i0 * ldc, ldc);
  }
}
