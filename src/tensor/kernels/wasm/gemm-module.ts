import { CodeWriter, encodeModule, F32, F64, I32, Op, Simd, V128 } from './encoder.js';

/** Register-blocking shape of a WASM GEMM micro-kernel. */
export interface MicroKernelShape {
  /** Element type the module computes in. */
  dtype: 'float32' | 'float64';
  /** Rows of C per micro-tile (`mr`). */
  mr: number;
  /** v128 vectors per micro-tile row; `nr = nv * lanes` columns. */
  nv: number;
  /** k-loop unroll factor; packed panels are zero-padded to a multiple of it. */
  unroll: number;
}

/** float32 micro-kernel: 4 x 8 tile, 8 accumulators (measured fastest in V8; see the kernels README). */
export const F32_SHAPE: MicroKernelShape = { dtype: 'float32', mr: 4, nv: 2, unroll: 1 };
/** float64 micro-kernel: 4 x 4 tile, 8 accumulators. */
export const F64_SHAPE: MicroKernelShape = { dtype: 'float64', mr: 4, nv: 2, unroll: 1 };

/** Columns per micro-tile (`nr`) for a shape. */
export function microCols(s: MicroKernelShape): number {
  return s.nv * (s.dtype === 'float32' ? 4 : 2);
}

/**
 * Builds the GEMM module for one micro-kernel shape. It imports `env.memory` and exports
 * `macro(a, b, c, mc, nc, kc, ldc, alpha)`, which computes, for packed operands already
 * in memory, `C[0:mc, 0:nc] += alpha * Ap @ Bp`:
 * - `a`: byte address of `mc / mr` A panels, each `kc x mr` (column `r` of the panel is
 *   row `r` of the block, so one k step reads `mr` consecutive values);
 * - `b`: byte address of `nc / nr` B panels, each `kc x nr` row-major;
 * - `c`: byte address of C, `ldc` its row stride in bytes;
 * - `mc`, `nc`, `kc` multiples of `mr`, `nr` and `unroll` (the packer pads with zeros).
 * All addresses must be 16-byte aligned, as must `ldc`.
 *
 * It also exports `transpose(src, dst, rows, cols, ldd)`: `dst[c, r] = src[r, c]` for a
 * row-major `rows x cols` source (contiguous rows) and a destination row stride of `ldd`
 * bytes (used to lay out a transposed B for the strided sweep without a TS loop), and
 * `stridedStore` (same arguments as `strided`, which writes `C = alpha * A @ B` without
 * reading C: for fused kernels that post-process the product themselves), and
 * `strided(a, b, c, mc, nc, kc, ldc, alpha, ra, sa, sb)`, the same sweep
 * over row-major operands in place: `A[r, p]` at byte `a + r*ra + p*sa`, `B[p, j]` at
 * `b + p*sb + j*es`; `mc`, `nc` multiples of `mr`, `nr`, any `kc >= 1`, `a`/`b` unaligned.
 *
 * The micro-kernel holds the `mr x nr` tile of C in `mr * nv` v128 locals, so per k step
 * it loads `nv` vectors of B, broadcasts `mr` scalars of A (`load32_splat`/
 * `load64_splat`) and issues `mr * nv` mul+add pairs (no FMA: relaxed SIMD is not
 * available in Node 20).
 *
 * @example
 * const bytes = buildGemmModule(F32_SHAPE);
 * bytes.length < 4096; // Chrome's limit for synchronous compilation on the main thread
 */
export function buildGemmModule(shape: MicroKernelShape): Uint8Array<ArrayBuffer> {
  const { mr, nv } = shape;
  const scalar = shape.dtype === 'float32' ? F32 : F64;
  const micro = emitMicro(shape, false);
  const microStrided = emitMicro(shape, true);

  const macro = emitMacro(shape, false);
  const strided = emitMacro(shape, true);

  const microLocals = [I32, ...new Array<number>(1 + nv + mr * nv).fill(V128)];
  return encodeModule({
    memoryMinPages: 1,
    functions: [
      { params: [I32, I32, I32, I32, I32, scalar], results: [], locals: microLocals, body: micro },
      {
        params: [I32, I32, I32, I32, I32, scalar, I32, I32, I32],
        results: [],
        locals: [...microLocals, ...new Array<number>(mr).fill(I32)],
        body: microStrided,
      },
      {
        params: [I32, I32, I32, I32, I32, I32, I32, scalar],
        results: [],
        locals: [I32, I32, I32, I32],
        body: macro,
        exportName: 'macro',
      },
      {
        params: [I32, I32, I32, I32, I32, I32, I32, scalar, I32, I32, I32],
        results: [],
        locals: [I32, I32, I32, I32],
        body: strided,
        exportName: 'strided',
      },
      {
        params: [I32, I32, I32, I32, I32],
        results: [],
        locals: [I32, I32, I32, I32],
        body: emitTranspose(shape.dtype === 'float32' ? 4 : 8),
        exportName: 'transpose',
      },
      {
        params: [I32, I32, I32, I32, I32, scalar, I32, I32, I32],
        results: [],
        locals: [...microLocals, ...new Array<number>(mr).fill(I32)],
        body: emitMicro(shape, true, true),
      },
      {
        params: [I32, I32, I32, I32, I32, I32, I32, scalar, I32, I32, I32],
        results: [],
        locals: [I32, I32, I32, I32],
        body: emitMacro(shape, true, 5),
        exportName: 'stridedStore',
      },
    ],
  });
}

/** Element-type constants of a shape. */
function typeInfo(shape: MicroKernelShape) {
  const f32 = shape.dtype === 'float32';
  return {
    es: f32 ? 4 : 8,
    lanes: f32 ? 4 : 2,
    add: f32 ? Simd.f32x4Add : Simd.f64x2Add,
    mul: f32 ? Simd.f32x4Mul : Simd.f64x2Mul,
    splatLoad: f32 ? Simd.v128Load32Splat : Simd.v128Load64Splat,
    splat: f32 ? Simd.f32x4Splat : Simd.f64x2Splat,
    esLog2: f32 ? 2 : 3,
  };
}

/**
 * The micro-kernel body. Packed: `micro(a, b, c, ldc, kc, alpha)` with A and B steps of
 * `mr` and `nr` elements per k (unrolled `unroll` times). Strided:
 * `microStrided(a, b, c, ldc, kc, alpha, ra, sa, sb)` reads `A[r, p]` at `a + r*ra + p*sa`
 * and `B[p, 0:nr]` at `b + p*sb` (bytes), so row-major operands are used in place; it is
 * never unrolled (`kc` is arbitrary) and needs no alignment of `a`, `b`.
 */
function emitMicro(shape: MicroKernelShape, strided: boolean, store = false): CodeWriter {
  const { es, lanes, add, mul, splatLoad, splat, esLog2 } = typeInfo(shape);
  const { mr, nv } = shape;
  const unroll = strided ? 1 : shape.unroll;
  const nr = nv * lanes;
  const [a, b, c, ldc, kc, alpha, ra, sa, sb] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const P = strided ? 9 : 6;
  const [end, av] = [P, P + 1];
  const bv = (v: number) => P + 2 + v;
  const acc = (r: number, v: number) => P + 2 + nv + r * nv + v;
  const rowOff = (r: number) => P + 2 + nv + mr * nv + r;
  const m = new CodeWriter();
  if (strided) {
    for (let r = 1; r < mr; r++) {
      if (r === 1) m.localGet(ra).localSet(rowOff(1));
      else
        m.localGet(rowOff(r - 1))
          .localGet(ra)
          .op(Op.i32Add)
          .localSet(rowOff(r));
    }
    m.localGet(a).localGet(kc).localGet(sa).op(Op.i32Mul).op(Op.i32Add).localSet(end);
  } else {
    m.localGet(a)
      .localGet(kc)
      .i32Const(mr * es)
      .op(Op.i32Mul)
      .op(Op.i32Add)
      .localSet(end);
  }
  m.open(Op.loop);
  for (let u = 0; u < unroll; u++) {
    for (let v = 0; v < nv; v++)
      m.localGet(b)
        .simdMem(Simd.v128Load, strided ? 0 : 4, (u * nr + v * lanes) * es)
        .localSet(bv(v));
    for (let r = 0; r < mr; r++) {
      m.localGet(a);
      if (strided && r > 0) m.localGet(rowOff(r)).op(Op.i32Add);
      m.simdMem(splatLoad, esLog2, strided ? 0 : (u * mr + r) * es).localSet(av);
      for (let v = 0; v < nv; v++) {
        m.localGet(acc(r, v)).localGet(av).localGet(bv(v)).simd(mul).simd(add).localSet(acc(r, v));
      }
    }
  }
  if (strided) {
    m.localGet(b).localGet(sb).op(Op.i32Add).localSet(b);
    m.localGet(a).localGet(sa).op(Op.i32Add).localTee(a);
  } else {
    m.localGet(b)
      .i32Const(unroll * nr * es)
      .op(Op.i32Add)
      .localSet(b);
    m.localGet(a)
      .i32Const(unroll * mr * es)
      .op(Op.i32Add)
      .localTee(a);
  }
  m.localGet(end).op(Op.i32LtU).brIf(0);
  m.end();
  m.localGet(alpha).simd(splat).localSet(av);
  for (let r = 0; r < mr; r++) {
    if (r > 0) m.localGet(c).localGet(ldc).op(Op.i32Add).localSet(c);
    for (let v = 0; v < nv; v++) {
      m.localGet(c);
      if (store) {
        m.localGet(acc(r, v)).localGet(av).simd(mul);
      } else {
        m.localGet(c).simdMem(Simd.v128Load, 4, v * 16);
        m.localGet(acc(r, v)).localGet(av).simd(mul).simd(add);
      }
      m.simdMem(Simd.v128Store, 4, v * 16);
    }
  }
  return m;
}

/**
 * The macro-kernel body: sweeps the micro-kernel over `mc / mr` A panels (inner) for each
 * of `nc / nr` B panels (outer). Packed: `macro(a, b, c, mc, nc, kc, ldc, alpha)` over
 * packed panels (function 0). Strided: `strided(a, b, c, mc, nc, kc, ldc, alpha, ra, sa, sb)`
 * over row-major operands (function 1): A panels `mr * ra` bytes apart, B panels `nr`
 * elements apart.
 */
function emitMacro(shape: MicroKernelShape, strided: boolean, stridedMicro = 1): CodeWriter {
  const { es, lanes } = typeInfo(shape);
  const { mr, nv } = shape;
  const nr = nv * lanes;
  const [ma, mb, mcc, mmc, mnc, mkc, mldc, malpha, ra, sa, sb] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const P = strided ? 11 : 8;
  const [aEnd, bEnd, ap, cp] = [P, P + 1, P + 2, P + 3];
  const g = new CodeWriter();
  if (strided) {
    g.localGet(ma).localGet(mmc).localGet(ra).op(Op.i32Mul).op(Op.i32Add).localSet(aEnd);
    g.localGet(mb).localGet(mnc).i32Const(es).op(Op.i32Mul).op(Op.i32Add).localSet(bEnd);
  } else {
    const elemsTimes = (x: number, y: number) => g.localGet(x).localGet(y).op(Op.i32Mul).i32Const(es).op(Op.i32Mul);
    g.localGet(ma);
    elemsTimes(mmc, mkc).op(Op.i32Add).localSet(aEnd);
    g.localGet(mb);
    elemsTimes(mnc, mkc).op(Op.i32Add).localSet(bEnd);
  }
  g.open(Op.loop);
  g.localGet(ma).localSet(ap).localGet(mcc).localSet(cp);
  g.open(Op.loop);
  g.localGet(ap).localGet(mb).localGet(cp).localGet(mldc).localGet(mkc).localGet(malpha);
  if (strided) g.localGet(ra).localGet(sa).localGet(sb).call(stridedMicro);
  else g.call(0);
  g.localGet(cp).localGet(mldc).i32Const(mr).op(Op.i32Mul).op(Op.i32Add).localSet(cp);
  if (strided) g.localGet(ap).localGet(ra).i32Const(mr).op(Op.i32Mul).op(Op.i32Add).localTee(ap);
  else
    g.localGet(ap)
      .localGet(mkc)
      .i32Const(mr * es)
      .op(Op.i32Mul)
      .op(Op.i32Add)
      .localTee(ap);
  g.localGet(aEnd).op(Op.i32LtU).brIf(0);
  g.end();
  g.localGet(mcc)
    .i32Const(nr * es)
    .op(Op.i32Add)
    .localSet(mcc);
  g.localGet(mb);
  if (strided) g.i32Const(nr * es);
  else
    g.localGet(mkc)
      .i32Const(nr * es)
      .op(Op.i32Mul);
  g.op(Op.i32Add).localTee(mb);
  g.localGet(bEnd).op(Op.i32LtU).brIf(0);
  g.end();
  return g;
}

/**
 * `transpose(src, dst, rows, cols, ldd)` for `es`-byte elements (copied as integers, so
 * every bit pattern, NaN payloads included, moves unchanged): reads `src` sequentially,
 * writes column `r` of `dst` (row stride `ldd` bytes). All counts >= 1.
 */
function emitTranspose(es: number): CodeWriter {
  const [src, dst, rows, cols, ldd] = [0, 1, 2, 3, 4];
  const [r, d, e, col] = [5, 6, 7, 8];
  const load = es === 4 ? 0x28 : 0x29; // i32.load / i64.load
  const store = es === 4 ? 0x36 : 0x37; // i32.store / i64.store
  const align = es === 4 ? 2 : 3;
  const t = new CodeWriter();
  t.i32Const(0).localSet(r);
  t.localGet(dst).localSet(col);
  t.open(Op.loop);
  t.localGet(col).localSet(d);
  t.localGet(src).localGet(cols).i32Const(es).op(Op.i32Mul).op(Op.i32Add).localSet(e);
  t.open(Op.loop);
  t.localGet(d).localGet(src).byte(load).u32(align).u32(0).byte(store).u32(align).u32(0);
  t.localGet(d).localGet(ldd).op(Op.i32Add).localSet(d);
  t.localGet(src).i32Const(es).op(Op.i32Add).localTee(src);
  t.localGet(e).op(Op.i32LtU).brIf(0);
  t.end();
  t.localGet(col).i32Const(es).op(Op.i32Add).localSet(col);
  t.localGet(r).i32Const(1).op(Op.i32Add).localTee(r);
  t.localGet(rows).op(Op.i32LtU).brIf(0);
  t.end();
  return t;
}
