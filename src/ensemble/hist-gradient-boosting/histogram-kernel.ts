/**
 * A WebAssembly SIMD kernel for the histogram accumulation of histogram
 * gradient boosting, the hot loop of every fit. A node's gradients are first
 * gathered into segment order (`gather`); then, one feature column at a time
 * as scikit-learn does, each sample adds the interleaved pair
 * `(gradient, hessian)` to its bin's `[g, h]` slots with one `f64x2.add` and
 * `(1, 0)` to its `[count, pad]` slots with another (`accumulateColumns`).
 * Every bin receives the same additions in the same order as the JavaScript
 * loop in `histogram.ts`, so the histograms are bit-identical. Going column by
 * column lets two threads split the features and each read only its own
 * columns (see `boosting-worker.ts`).
 *
 * The module is emitted at runtime with the tensor kernels' byte encoder (no
 * checked-in binary) and compiled once; each workspace instantiates it on
 * its own memory. Without WebAssembly SIMD, {@link histogramKernelModule}
 * returns null and callers keep the JavaScript loop.
 */
import { CodeWriter, compileOnce, encodeModule, I32, Op, Simd, V128 } from '../../tensor/kernels/wasm/encoder.js';

/** Bytes per histogram bin: `[g, h, count, pad]` as float64. */
const BIN_BYTES = 32;

/**
 * `subtract(parent, child, out, bytes)`: `out = parent - child` over `bytes`
 * (a multiple of 32), as f64 pairs.
 *
 * `partition(col, idx, start, end, goLeft, scratch) -> mid`: the stable
 * partition of the samples `idx[start..end)` by `goLeft[col[i]]` (bytes, 1 =
 * left), branch-free: left samples are compacted in place from `start`, the
 * others written to `scratch` from 0; returns the left count plus `start`
 * (the caller copies the `end - mid` right samples after them).
 */
function buildModule(sharedMaxPages: number | undefined): Uint8Array<ArrayBuffer> {
  const [sp, sc, so, sb] = [0, 1, 2, 3];
  const sEnd = 4;
  const s = new CodeWriter();
  s.localGet(sb).i32Const(BIN_BYTES).op(Op.i32LtU).byte(Op.if).byte(Op.void).byte(Op.return).end();
  s.localGet(so).localGet(sb).op(Op.i32Add).localSet(sEnd);
  s.open(Op.loop);
  for (const off of [0, 16]) {
    s.localGet(so)
      .localGet(sp)
      .simdMem(Simd.v128Load, 3, off)
      .localGet(sc)
      .simdMem(Simd.v128Load, 3, off)
      .simd(Simd.f64x2Sub)
      .simdMem(Simd.v128Store, 3, off);
  }
  for (const local of [sp, sc]) s.localGet(local).i32Const(BIN_BYTES).op(Op.i32Add).localSet(local);
  s.localGet(so).i32Const(BIN_BYTES).op(Op.i32Add).localTee(so).localGet(sEnd).op(Op.i32LtU).brIf(0);
  s.end();

  const [pc, pidx, pstart, pend, pgo, pscr] = [0, 1, 2, 3, 4, 5];
  const [pk, pkEnd, pl, pr, pi, pleft] = [6, 7, 8, 9, 10, 11];
  const q = new CodeWriter();
  q.localGet(pidx).localGet(pstart).i32Const(2).op(Op.i32Shl).op(Op.i32Add).localTee(pk).localSet(pl);
  q.localGet(pidx).localGet(pend).i32Const(2).op(Op.i32Shl).op(Op.i32Add).localSet(pkEnd);
  q.localGet(pscr).localSet(pr);
  q.open(Op.block);
  q.localGet(pk).localGet(pkEnd).op(Op.i32GeU).brIf(0);
  q.open(Op.loop);
  q.localGet(pk).byte(Op.i32Load).u32(2).u32(0).localSet(pi);
  q.localGet(pgo).localGet(pc).localGet(pi).op(Op.i32Add).byte(Op.i32Load8U).u32(0).u32(0).op(Op.i32Add);
  q.byte(Op.i32Load8U).u32(0).u32(0).localSet(pleft);
  q.localGet(pl).localGet(pi).byte(Op.i32Store).u32(2).u32(0);
  q.localGet(pr).localGet(pi).byte(Op.i32Store).u32(2).u32(0);
  q.localGet(pl).localGet(pleft).i32Const(2).op(Op.i32Shl).op(Op.i32Add).localSet(pl);
  q.localGet(pr).localGet(pleft).i32Const(1).op(Op.i32Xor).i32Const(2).op(Op.i32Shl).op(Op.i32Add).localSet(pr);
  q.localGet(pk).i32Const(4).op(Op.i32Add).localTee(pk).localGet(pkEnd).op(Op.i32LtU).brIf(0);
  q.end();
  q.end();
  q.localGet(pl).localGet(pidx).op(Op.i32Sub).i32Const(2).op(Op.i32ShrU);

  // gather(idx, start, end, gh, out): out[k - start] = gh[idx[k]] (f64 pairs).
  const [gIdx, gStart, gEnd, gGh, gOut] = [0, 1, 2, 3, 4];
  const [gk, gkEnd] = [5, 6];
  const gw = new CodeWriter();
  gw.localGet(gStart).localGet(gEnd).op(Op.i32GeU).byte(Op.if).byte(Op.void).byte(Op.return).end();
  gw.localGet(gIdx).localGet(gStart).i32Const(2).op(Op.i32Shl).op(Op.i32Add).localSet(gk);
  gw.localGet(gIdx).localGet(gEnd).i32Const(2).op(Op.i32Shl).op(Op.i32Add).localSet(gkEnd);
  gw.open(Op.loop);
  gw.localGet(gOut);
  gw.localGet(gGh).localGet(gk).byte(Op.i32Load).u32(2).u32(0).i32Const(4).op(Op.i32Shl).op(Op.i32Add);
  gw.simdMem(Simd.v128Load, 3, 0).simdMem(Simd.v128Store, 3, 0);
  gw.localGet(gOut).i32Const(16).op(Op.i32Add).localSet(gOut);
  gw.localGet(gk).i32Const(4).op(Op.i32Add).localTee(gk).localGet(gkEnd).op(Op.i32LtU).brIf(0);
  gw.end();

  // accumulateColumns(binned, n, nf, idx, start, end, gho, hist, stride): column-major bins,
  // gradients already gathered in segment order (see `gather`).
  const [cBinned, cN, cNf, cIdx, cStart, cEnd, cGho, cHist, cStride] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [cf, ccol, ck, ckBeg, ckEnd, cg, ca] = [9, 10, 11, 12, 13, 14, 15];
  const cOne = 16;
  const cw = new CodeWriter();
  cw.localGet(cStart).localGet(cEnd).op(Op.i32GeU).byte(Op.if).byte(Op.void).byte(Op.return).end();
  cw.localGet(cNf).i32Const(0).op(Op.i32LeS).byte(Op.if).byte(Op.void).byte(Op.return).end();
  cw.simd(Simd.v128Const).raw([0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0]).localSet(cOne);
  cw.localGet(cIdx).localGet(cStart).i32Const(2).op(Op.i32Shl).op(Op.i32Add).localSet(ckBeg);
  cw.localGet(cIdx).localGet(cEnd).i32Const(2).op(Op.i32Shl).op(Op.i32Add).localSet(ckEnd);
  cw.localGet(cBinned).localSet(ccol);
  cw.i32Const(0).localSet(cf);
  cw.open(Op.loop); // features
  cw.localGet(ckBeg).localSet(ck);
  cw.localGet(cGho).localSet(cg);
  cw.open(Op.loop); // samples of the segment
  // a = hist + (col[idx[k]] << 5)
  cw.localGet(cHist);
  cw.localGet(ccol).localGet(ck).byte(Op.i32Load).u32(2).u32(0).op(Op.i32Add).byte(Op.i32Load8U).u32(0).u32(0);
  cw.i32Const(5).op(Op.i32Shl).op(Op.i32Add).localSet(ca);
  cw.localGet(ca).localGet(ca).simdMem(Simd.v128Load, 3, 0).localGet(cg).simdMem(Simd.v128Load, 3, 0);
  cw.simd(Simd.f64x2Add).simdMem(Simd.v128Store, 3, 0);
  cw.localGet(ca).localGet(ca).simdMem(Simd.v128Load, 3, 16).localGet(cOne).simd(Simd.f64x2Add);
  cw.simdMem(Simd.v128Store, 3, 16);
  cw.localGet(cg).i32Const(16).op(Op.i32Add).localSet(cg);
  cw.localGet(ck).i32Const(4).op(Op.i32Add).localTee(ck).localGet(ckEnd).op(Op.i32LtU).brIf(0);
  cw.end();
  cw.localGet(ccol).localGet(cN).op(Op.i32Add).localSet(ccol);
  cw.localGet(cHist).localGet(cStride).op(Op.i32Add).localSet(cHist);
  cw.localGet(cf).i32Const(1).op(Op.i32Add).localTee(cf).localGet(cNf).op(Op.i32LtU).brIf(0);
  cw.end();

  // zero(addr, bytes): bytes (a multiple of 32) set to 0; JavaScript's fill is slow on shared memory.
  const [zAddr, zBytes, zEnd] = [0, 1, 2];
  const zw = new CodeWriter();
  zw.localGet(zBytes).i32Const(BIN_BYTES).op(Op.i32LtU).byte(Op.if).byte(Op.void).byte(Op.return).end();
  zw.localGet(zAddr).localGet(zBytes).op(Op.i32Add).localSet(zEnd);
  zw.open(Op.loop);
  for (const off of [0, 16]) {
    zw.localGet(zAddr).simd(Simd.v128Const).raw(new Array<number>(16).fill(0)).simdMem(Simd.v128Store, 3, off);
  }
  zw.localGet(zAddr).i32Const(BIN_BYTES).op(Op.i32Add).localTee(zAddr).localGet(zEnd).op(Op.i32LtU).brIf(0);
  zw.end();

  return encodeModule({
    memoryMinPages: 1,
    sharedMaxPages,
    functions: [
      { params: [I32, I32, I32, I32], results: [], locals: [I32], body: s, exportName: 'subtract' },
      {
        params: new Array<number>(6).fill(I32),
        results: [I32],
        locals: new Array<number>(6).fill(I32),
        body: q,
        exportName: 'partition',
      },
      { params: new Array<number>(5).fill(I32), results: [], locals: [I32, I32], body: gw, exportName: 'gather' },
      {
        params: new Array<number>(9).fill(I32),
        results: [],
        locals: [...new Array<number>(7).fill(I32), V128],
        body: cw,
        exportName: 'accumulateColumns',
      },
      { params: [I32, I32], results: [], locals: [I32], body: zw, exportName: 'zero' },
    ],
  });
}

/** The kernel's exports on one memory. */
export interface HistogramKernel {
  subtract(parent: number, child: number, out: number, bytes: number): void;
  /** Sets `bytes` (a multiple of 32) at `addr` to zero. */
  zero(addr: number, bytes: number): void;
  /** `out[k - start] = gh[idx[k]]` as f64 pairs: a node's gradients in segment order. */
  gather(idx: number, start: number, end: number, gh: number, out: number): void;
  /**
   * The histograms of features `[0, nf)` of column-major bins starting at `binned`
   * (column `f` at `binned + f·n`), from gradients already gathered to `gho`.
   */
  accumulateColumns(
    binned: number,
    n: number,
    nf: number,
    idx: number,
    start: number,
    end: number,
    gho: number,
    hist: number,
    stride: number,
  ): void;
  partition(col: number, idx: number, start: number, end: number, goLeft: number, scratch: number): number;
}

/** Largest shared memory the kernel accepts, in 64 KiB pages (the 2 GiB addresses stay positive). */
export const SHARED_MAX_PAGES = 32767;

/**
 * The compiled kernel module, or null without WebAssembly SIMD; built on first call.
 * @example const module = histogramKernelModule(); // WebAssembly.Module | null
 */
export const histogramKernelModule = compileOnce(() => buildModule(undefined));

/**
 * The same kernel on a shared memory of at most {@link SHARED_MAX_PAGES} pages (two threads
 * building one histogram, a range of features each), or null without WebAssembly threads and SIMD.
 * @example const module = sharedHistogramKernelModule(); // WebAssembly.Module | null
 */
export const sharedHistogramKernelModule = compileOnce(() => buildModule(SHARED_MAX_PAGES));

/**
 * The kernel instantiated on `memory` (shared or not), or null when unavailable.
 * @example const kernel = instantiateHistogramKernel(new WebAssembly.Memory({ initial: 1 }));
 */
export function instantiateHistogramKernel(memory: WebAssembly.Memory): HistogramKernel | null {
  const shared = typeof SharedArrayBuffer === 'function' && memory.buffer instanceof SharedArrayBuffer;
  const module = shared ? sharedHistogramKernelModule() : histogramKernelModule();
  if (module === null) return null;
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return instance.exports as unknown as HistogramKernel;
}
