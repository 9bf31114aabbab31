/**
 * WebAssembly SIMD kernels of the fused conv -> relu -> max-pool block (float32), run in
 * the WASM GEMM's memory so the conv product never leaves it:
 * - `pool`: relu and 2x2 / stride 2 max pooling with the arg-max of every window, four
 *   pooled outputs per step, branch-free (the JS loop's data-dependent branches cost more
 *   than the arithmetic);
 * - `grad`: the weight and bias gradients, one (image, channel) plane at a time: the live
 *   arg-maxes are compacted, then every kernel row (a run of up to 4 taps) is one
 *   multiply-add of a 4-wide window row per live output.
 *
 * The module is built at runtime with the kernels' byte encoder (under 4 KiB).
 */

import { CodeWriter, encodeModule, F32, F64, I32, Op, Simd, V128 } from '../../tensor/kernels/wasm/encoder.js';
import { wasmGemmArena } from '../../tensor/kernels/wasm/gemm.js';

/** Byte lanes picking the even / odd float32 lanes of the 8 floats in (a, b). */
const EVEN = [0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27];
const ODD = EVEN.map((b) => b + 4);
/** Byte lanes moving float32 lanes 2, 3 to lanes 0, 1. */
const HIGH = [8, 9, 10, 11, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15];

function v128Const(f: CodeWriter, lanes32: readonly number[]): CodeWriter {
  f.simd(Simd.v128Const);
  for (const v of lanes32)
    f.byte(v & 0xff)
      .byte((v >>> 8) & 0xff)
      .byte((v >>> 16) & 0xff)
      .byte((v >>> 24) & 0xff);
  return f;
}

function shuffle(f: CodeWriter, lanes: readonly number[]): CodeWriter {
  return f.simd(Simd.i8x16Shuffle).raw(lanes);
}

function mem(f: CodeWriter, op: number, align: number, offset = 0): CodeWriter {
  return f.byte(op).u32(align).u32(offset);
}

/**
 * `pool(src, srcStride, nPlanes, Wo, Hp, Wp, dst, arg, dstStride, bias)` (addresses and
 * strides in bytes, `bias` float32): for each of `nPlanes` conv-output planes (`Ho x Wo`
 * float32 products at `src`, then `src + srcStride`, ...; `bias` is added to each before
 * the comparisons), writes `Hp x Wp` pooled values `relu(max of the 2x2 window)` at
 * `dst` and the window's arg-max (position in the plane; -1 when the max is not positive)
 * at `arg` (both advancing by `dstStride`). Same comparison as maxPool2d: first maximum
 * wins, NaN propagates. Needs `Wp >= 4`: the last group of four is shifted back to end at
 * `Wp` (recomputing some outputs identically) so nothing is read or written out of range.
 */
function emitPool(): CodeWriter {
  const [src, srcStride, nPlanes, Wo, Hp, Wp, dst, arg, dstStride, bias] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [pl, i, j, jj, r0, r1, oRow, aRow, rowIdx, p, wpm4] = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];
  const [a, b, best, idx, bv, v, m, one, woV, c0246, zero, bias4] = [21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32];
  const f = new CodeWriter();
  const add = () => f.op(Op.i32Add);
  f.localGet(bias).simd(Simd.f32x4Splat).localSet(bias4);
  f.localGet(Wp).i32Const(4).op(Op.i32Sub).localSet(wpm4);
  f.i32Const(1).simd(Simd.i32x4Splat).localSet(one);
  f.localGet(Wo).simd(Simd.i32x4Splat).localSet(woV);
  v128Const(f, [0, 2, 4, 6]).localSet(c0246);
  v128Const(f, [0, 0, 0, 0]).localSet(zero);
  // Compares window value `v` (index vector on the stack-building callback) into best/idx.
  const step = (pushIndex: () => void) => {
    f.localGet(v).localGet(best).simd(Simd.f32x4Gt);
    f.localGet(v).localGet(v).simd(Simd.f32x4Ne);
    f.simd(Simd.v128Or).localSet(m);
    f.localGet(v).localGet(best).localGet(m).simd(Simd.v128Bitselect).localSet(best);
    pushIndex();
    f.localGet(idx).localGet(m).simd(Simd.v128Bitselect).localSet(idx);
  };
  const loadPair = (row: number) => {
    f.localGet(row).localGet(jj).i32Const(3).op(Op.i32Shl);
    add();
    f.localSet(p);
    // The value conv2d stores: the product plus the bias, rounded to float32.
    f.localGet(p).simdMem(Simd.v128Load, 2, 0).localGet(bias4).simd(Simd.f32x4Add).localSet(a);
    f.localGet(p).simdMem(Simd.v128Load, 2, 16).localGet(bias4).simd(Simd.f32x4Add).localSet(b);
  };
  f.i32Const(0).localSet(pl);
  f.open(Op.loop); // planes
  f.i32Const(0).localSet(i);
  f.open(Op.loop); // pooled rows
  f.localGet(src).localGet(i).localGet(Wo).op(Op.i32Mul).i32Const(3).op(Op.i32Shl);
  add();
  f.localSet(r0);
  f.localGet(r0).localGet(Wo).i32Const(2).op(Op.i32Shl);
  add();
  f.localSet(r1);
  f.localGet(i).localGet(Wp).op(Op.i32Mul).i32Const(2).op(Op.i32Shl).localSet(p);
  f.localGet(dst).localGet(p);
  add();
  f.localSet(oRow);
  f.localGet(arg).localGet(p);
  add();
  f.localSet(aRow);
  f.localGet(i).localGet(Wo).op(Op.i32Mul).i32Const(1).op(Op.i32Shl).localSet(rowIdx);
  f.i32Const(0).localSet(j);
  f.open(Op.loop); // groups of four pooled columns
  f.localGet(wpm4).localGet(j).localGet(j).localGet(wpm4).op(Op.i32GtS).op(Op.select).localSet(jj);
  loadPair(r0);
  shuffle(f.localGet(a).localGet(b), EVEN).localSet(best);
  shuffle(f.localGet(a).localGet(b), ODD).localSet(v);
  f.localGet(rowIdx).localGet(jj).i32Const(1).op(Op.i32Shl);
  add();
  f.simd(Simd.i32x4Splat).localGet(c0246).simd(Simd.i32x4Add).localTee(bv).localSet(idx);
  step(() => f.localGet(bv).localGet(one).simd(Simd.i32x4Add));
  loadPair(r1);
  shuffle(f.localGet(a).localGet(b), EVEN).localSet(v);
  step(() => f.localGet(bv).localGet(woV).simd(Simd.i32x4Add));
  shuffle(f.localGet(a).localGet(b), ODD).localSet(v);
  step(() => f.localGet(bv).localGet(woV).simd(Simd.i32x4Add).localGet(one).simd(Simd.i32x4Add));
  // relu(best) = best & ~(best <= 0); arg = idx | ~(best > 0) (-1 where relu blocks the gradient).
  f.localGet(oRow).localGet(jj).i32Const(2).op(Op.i32Shl);
  add();
  f.localGet(best).localGet(best).localGet(zero).simd(Simd.f32x4Le).simd(Simd.v128Andnot);
  f.simdMem(Simd.v128Store, 2, 0);
  f.localGet(aRow).localGet(jj).i32Const(2).op(Op.i32Shl);
  add();
  f.localGet(idx).localGet(best).localGet(zero).simd(Simd.f32x4Gt).simd(Simd.v128Not).simd(Simd.v128Or);
  f.simdMem(Simd.v128Store, 2, 0);
  f.localGet(j).i32Const(4);
  add();
  f.localTee(j).localGet(Wp).op(Op.i32LtS).brIf(0);
  f.end(); // groups
  f.localGet(i).i32Const(1);
  add();
  f.localTee(i).localGet(Hp).op(Op.i32LtS).brIf(0);
  f.end(); // rows
  for (const [ptr, stride] of [
    [src, srcStride],
    [dst, dstStride],
    [arg, dstStride],
  ]) {
    f.localGet(ptr).localGet(stride);
    add();
    f.localSet(ptr);
  }
  f.localGet(pl).i32Const(1);
  add();
  f.localTee(pl).localGet(nPlanes).op(Op.i32LtS).brIf(0);
  f.end(); // planes
  return f;
}

/**
 * `grad(nImg, O, pp, arg, G, X, imgBytes, tbl, rowOff, nRows, gw, gb, sBase, sG)`:
 * accumulates the weight and bias gradients of `nImg` images. `arg`/`G` hold `nImg * O`
 * planes of `pp` arg-maxes (i32, -1 dead) and upstream gradients (f32), image-major;
 * `X` the images (f32, `imgBytes` apart, with 16 readable bytes after the last);
 * `tbl[r]` the byte offset in an image of the window anchored at conv-output position
 * `r`; `rowOff[row]` the byte offset of kernel row `row` (channel, tap row) in a window,
 * for an even `nRows` (rows are done in pairs; pad with a copy of the last row). Adds
 * into `gw` (f64, `O x nRows x 4`: 4 taps per kernel row, those past the kernel width are
 * junk) and `gb` (f64, `O`). `sBase`/`sG`: scratch of `pp` i32 / f32.
 * Within a plane the products are summed in float32 (at most `pp` terms), across planes
 * in float64.
 */
function emitGrad(): CodeWriter {
  const [nImg, O, pp, arg, G, X, imgBytes, tbl, rowOff, nRows, gw, gb, sBase, sG] = [
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
  ];
  const [im, o, gwO, gbO, cnt, end, r, live, row, ro, off, pB, pG, e, gwR] = [
    14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28,
  ];
  const [g, gsum, acc, acc1, gv, off1, bse] = [29, 30, 31, 32, 33, 34, 35];
  const f = new CodeWriter();
  const add = () => f.op(Op.i32Add);
  const inc = (local: number, by: number) => {
    f.localGet(local).i32Const(by);
    add();
    f.localSet(local);
  };
  f.i32Const(0).localSet(im);
  f.open(Op.loop); // images
  f.i32Const(0).localSet(o);
  f.localGet(gw).localSet(gwO);
  f.localGet(gb).localSet(gbO);
  f.open(Op.loop); // channels
  // Compaction: every entry is written at `cnt`, which only advances for live ones.
  f.i32Const(0).localSet(cnt);
  f.byte(Op.f64Const).raw([0, 0, 0, 0, 0, 0, 0, 0]).localSet(gsum);
  f.localGet(arg).localGet(pp).i32Const(2).op(Op.i32Shl);
  add();
  f.localSet(end);
  f.open(Op.loop);
  mem(f.localGet(arg), Op.i32Load, 2).localSet(r);
  mem(f.localGet(G), Op.f32Load, 2).localSet(g);
  f.localGet(r).i32Const(0).op(Op.i32GeS).localSet(live);
  f.localGet(sBase).localGet(cnt);
  add();
  f.localGet(tbl).localGet(r).i32Const(2).op(Op.i32Shl);
  add();
  mem(f, Op.i32Load, 2);
  mem(f, Op.i32Store, 2);
  f.localGet(sG).localGet(cnt);
  add();
  mem(f.localGet(g), Op.f32Store, 2);
  f.localGet(gsum).localGet(g).op(Op.f64PromoteF32);
  f.byte(Op.f64Const).raw([0, 0, 0, 0, 0, 0, 0, 0]);
  f.localGet(live).op(Op.select).op(Op.f64Add).localSet(gsum);
  f.localGet(cnt).localGet(live).i32Const(2).op(Op.i32Shl);
  add();
  f.localSet(cnt);
  inc(arg, 4);
  inc(G, 4);
  f.localGet(arg).localGet(end).op(Op.i32LtU).brIf(0);
  f.end();
  f.localGet(gbO);
  mem(f.localGet(gbO), Op.f64Load, 3);
  f.localGet(gsum).op(Op.f64Add);
  mem(f, Op.f64Store, 3);
  f.localGet(cnt).byte(Op.if).byte(Op.void);
  f.i32Const(0).localSet(row);
  f.localGet(rowOff).localSet(ro);
  f.localGet(gwO).localSet(gwR);
  f.localGet(sBase).localGet(cnt);
  add();
  f.localSet(e);
  f.open(Op.loop); // pairs of kernel rows (two independent accumulation chains)
  f.localGet(X);
  mem(f.localGet(ro), Op.i32Load, 2);
  add();
  f.localSet(off);
  f.localGet(X);
  mem(f.localGet(ro), Op.i32Load, 2, 4);
  add();
  f.localSet(off1);
  v128Const(f, [0, 0, 0, 0]).localTee(acc).localSet(acc1);
  f.localGet(sBase).localSet(pB);
  f.localGet(sG).localSet(pG);
  f.open(Op.loop); // live outputs
  f.localGet(pG).simdMem(Simd.v128Load32Splat, 2, 0).localSet(gv);
  mem(f.localGet(pB), Op.i32Load, 2).localSet(bse);
  f.localGet(acc).localGet(gv);
  f.localGet(off).localGet(bse);
  add();
  f.simdMem(Simd.v128Load, 2, 0);
  f.simd(Simd.f32x4Mul).simd(Simd.f32x4Add).localSet(acc);
  f.localGet(acc1).localGet(gv);
  f.localGet(off1).localGet(bse);
  add();
  f.simdMem(Simd.v128Load, 2, 0);
  f.simd(Simd.f32x4Mul).simd(Simd.f32x4Add).localSet(acc1);
  inc(pG, 4);
  inc(pB, 4);
  f.localGet(pB).localGet(e).op(Op.i32LtU).brIf(0);
  f.end(); // live outputs
  for (const [a, at] of [
    [acc, 0],
    [acc1, 32],
  ]) {
    f.localGet(gwR);
    f.localGet(gwR).simdMem(Simd.v128Load, 3, at);
    f.localGet(a).simd(Simd.f64x2PromoteLow).simd(Simd.f64x2Add);
    f.simdMem(Simd.v128Store, 3, at);
    f.localGet(gwR);
    f.localGet(gwR).simdMem(Simd.v128Load, 3, at + 16);
    shuffle(f.localGet(a).localGet(a), HIGH).simd(Simd.f64x2PromoteLow).simd(Simd.f64x2Add);
    f.simdMem(Simd.v128Store, 3, at + 16);
  }
  inc(gwR, 64);
  inc(ro, 8);
  f.localGet(row).i32Const(2);
  add();
  f.localTee(row).localGet(nRows).op(Op.i32LtS).brIf(0);
  f.end(); // kernel rows
  f.end(); // if
  f.localGet(gwO).localGet(nRows).i32Const(5).op(Op.i32Shl);
  add();
  f.localSet(gwO);
  inc(gbO, 8);
  f.localGet(o).i32Const(1);
  add();
  f.localTee(o).localGet(O).op(Op.i32LtS).brIf(0);
  f.end(); // channels
  f.localGet(X).localGet(imgBytes);
  add();
  f.localSet(X);
  f.localGet(im).i32Const(1);
  add();
  f.localTee(im).localGet(nImg).op(Op.i32LtS).brIf(0);
  f.end(); // images
  return f;
}

/**
 * `im2col(x, nImg, imgBytes, taps, K, cols, ld, Ho, Wo, rowStep)` (addresses, strides in
 * bytes) for unit column stride and no padding: row `t` of `cols` (`ld` bytes apart) gets,
 * for each image (`imgBytes` apart from `x`) and output row `i`, the `Wo` floats starting at
 * `x + taps[t] + i * rowStep`, copied four at a time. Each row's last vector may spill up
 * to 3 floats into the next row of `cols` (rewritten right after) or past the last one,
 * and reads up to 3 floats past a source row: callers leave 16 bytes of slack after both.
 */
function emitIm2col(): CodeWriter {
  const [x, nImg, imgBytes, taps, K, cols, ld, Ho, Wo, rowStep] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [t, im, i, s0, s, d, q, rowBytes] = [10, 11, 12, 13, 14, 15, 16, 17];
  const f = new CodeWriter();
  const add = () => f.op(Op.i32Add);
  f.localGet(Wo).i32Const(2).op(Op.i32Shl).localSet(rowBytes);
  f.i32Const(0).localSet(t);
  f.open(Op.loop); // taps
  f.localGet(x);
  mem(f.localGet(taps).localGet(t).i32Const(2).op(Op.i32Shl).op(Op.i32Add), Op.i32Load, 2);
  add();
  f.localSet(s0);
  f.localGet(cols).localGet(t).localGet(ld).op(Op.i32Mul);
  add();
  f.localSet(d);
  f.i32Const(0).localSet(im);
  f.open(Op.loop); // images
  f.localGet(s0).localGet(im).localGet(imgBytes).op(Op.i32Mul);
  add();
  f.localSet(s);
  f.i32Const(0).localSet(i);
  f.open(Op.loop); // output rows
  f.i32Const(0).localSet(q);
  f.open(Op.loop); // four floats at a time
  f.localGet(d).localGet(q);
  add();
  f.localGet(s).localGet(q);
  add();
  f.simdMem(Simd.v128Load, 2, 0).simdMem(Simd.v128Store, 2, 0);
  f.localGet(q).i32Const(16);
  add();
  f.localTee(q).localGet(rowBytes).op(Op.i32LtS).brIf(0);
  f.end();
  f.localGet(d).localGet(rowBytes);
  add();
  f.localSet(d);
  f.localGet(s).localGet(rowStep);
  add();
  f.localSet(s);
  f.localGet(i).i32Const(1);
  add();
  f.localTee(i).localGet(Ho).op(Op.i32LtS).brIf(0);
  f.end(); // rows
  f.localGet(im).i32Const(1);
  add();
  f.localTee(im).localGet(nImg).op(Op.i32LtS).brIf(0);
  f.end(); // images
  f.localGet(t).i32Const(1);
  add();
  f.localTee(t).localGet(K).op(Op.i32LtS).brIf(0);
  f.end(); // taps
  return f;
}

/**
 * The module bytes: `pool`, `grad` and `im2col` (see {@link emitPool}, {@link emitGrad},
 * {@link emitIm2col}), importing
 * `env.memory`.
 * @example
 * buildConvPoolModule().length < 4096; // Chrome's synchronous compile limit
 */
export function buildConvPoolModule(): Uint8Array<ArrayBuffer> {
  return encodeModule({
    memoryMinPages: 1,
    functions: [
      {
        params: [...new Array<number>(9).fill(I32), F32],
        results: [],
        locals: [...new Array<number>(11).fill(I32), ...new Array<number>(12).fill(V128)],
        body: emitPool(),
        exportName: 'pool',
      },
      {
        params: new Array<number>(14).fill(I32),
        results: [],
        locals: [...new Array<number>(15).fill(I32), F32, F64, V128, V128, V128, I32, I32],
        body: emitGrad(),
        exportName: 'grad',
      },
      {
        params: new Array<number>(10).fill(I32),
        results: [],
        locals: new Array<number>(8).fill(I32),
        body: emitIm2col(),
        exportName: 'im2col',
      },
    ],
  });
}

type I32Fn<N extends number, A extends number[] = []> = A['length'] extends N
  ? (...args: A) => void
  : I32Fn<N, [...A, number]>;

/**
 * The compiled kernels bound to the WASM GEMM's memory (see {@link convPoolKernels}).
 * @example
 * const view = convPoolKernels()?.view32(1 << 16); // operands go here before a kernel call
 */
export interface ConvPoolKernels {
  pool: I32Fn<10>;
  grad: I32Fn<14>;
  im2col: I32Fn<10>;
  /** Float32 view of the memory, at least `bytes` long (re-fetch after anything that may grow it). */
  view32(bytes: number): Float32Array;
  /** Int32 view of the same memory. */
  viewI32(): Int32Array;
  /** Float64 view of the same memory. */
  view64(): Float64Array;
  /** The float32 strided GEMM macro-kernel writing `C = alpha * A @ B` (see `wasmGemmArena`). */
  stridedStore32: (...args: number[]) => void;
}

let kernels: ConvPoolKernels | null | undefined;

/**
 * The fused conv-pool kernels, compiled on first use in the WASM GEMM's memory; `null`
 * without WebAssembly SIMD (callers keep their JS loops).
 * @example
 * const k = convPoolKernels();
 * if (k !== null) k.pool(src, stride, planes, wo, hp, wp, dst, arg, dstStride, bias);
 */
export function convPoolKernels(): ConvPoolKernels | null {
  if (kernels !== undefined) return kernels;
  kernels = null;
  const arena = wasmGemmArena();
  if (arena === null) return null;
  try {
    const inst = new WebAssembly.Instance(new WebAssembly.Module(buildConvPoolModule()), {
      env: { memory: arena.memory },
    }).exports;
    let i32: Int32Array | null = null;
    let f64: Float64Array | null = null;
    kernels = {
      pool: inst.pool as I32Fn<10>,
      grad: inst.grad as I32Fn<14>,
      im2col: inst.im2col as I32Fn<10>,
      view32: (bytes) => arena.view32(bytes),
      viewI32: () => {
        if (i32 === null || i32.buffer !== arena.memory.buffer) i32 = new Int32Array(arena.memory.buffer);
        return i32;
      },
      view64: () => {
        if (f64 === null || f64.buffer !== arena.memory.buffer) f64 = new Float64Array(arena.memory.buffer);
        return f64;
      },
      stridedStore32: arena.stridedStore32 as (...args: number[]) => void,
    };
  } catch {
    kernels = null;
  }
  return kernels;
}
