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
  const f32 = shape.dtype === 'float32';
  const es = f32 ? 4 : 8;
  const lanes = f32 ? 4 : 2;
  const { mr, nv, unroll } = shape;
  const nr = nv * lanes;
  const scalar = f32 ? F32 : F64;
  const add = f32 ? Simd.f32x4Add : Simd.f64x2Add;
  const mul = f32 ? Simd.f32x4Mul : Simd.f64x2Mul;
  const splatLoad = f32 ? Simd.v128Load32Splat : Simd.v128Load64Splat;
  const splat = f32 ? Simd.f32x4Splat : Simd.f64x2Splat;
  const esLog2 = f32 ? 2 : 3;

  // micro(a, b, c, ldc, kc, alpha); locals: end, av, bv[nv], acc[mr*nv]
  const [a, b, c, ldc, kc, alpha, end, av] = [0, 1, 2, 3, 4, 5, 6, 7];
  const bv = (v: number) => 8 + v;
  const acc = (r: number, v: number) => 8 + nv + r * nv + v;
  const m = new CodeWriter();
  m.localGet(a)
    .localGet(kc)
    .i32Const(mr * es)
    .op(Op.i32Mul)
    .op(Op.i32Add)
    .localSet(end);
  m.open(Op.loop);
  for (let u = 0; u < unroll; u++) {
    for (let v = 0; v < nv; v++)
      m.localGet(b)
        .simdMem(Simd.v128Load, 4, (u * nr + v * lanes) * es)
        .localSet(bv(v));
    for (let r = 0; r < mr; r++) {
      m.localGet(a)
        .simdMem(splatLoad, esLog2, (u * mr + r) * es)
        .localSet(av);
      for (let v = 0; v < nv; v++) {
        m.localGet(acc(r, v)).localGet(av).localGet(bv(v)).simd(mul).simd(add).localSet(acc(r, v));
      }
    }
  }
  m.localGet(b)
    .i32Const(unroll * nr * es)
    .op(Op.i32Add)
    .localSet(b);
  m.localGet(a)
    .i32Const(unroll * mr * es)
    .op(Op.i32Add)
    .localTee(a);
  m.localGet(end).op(Op.i32LtU).brIf(0);
  m.end();
  m.localGet(alpha).simd(splat).localSet(av);
  for (let r = 0; r < mr; r++) {
    if (r > 0) m.localGet(c).localGet(ldc).op(Op.i32Add).localSet(c);
    for (let v = 0; v < nv; v++) {
      m.localGet(c)
        .localGet(c)
        .simdMem(Simd.v128Load, 4, v * 16);
      m.localGet(acc(r, v)).localGet(av).simd(mul).simd(add);
      m.simdMem(Simd.v128Store, 4, v * 16);
    }
  }

  // macro(a, b, c, mc, nc, kc, ldc, alpha); locals: aEnd, bEnd, ap, cp
  const [ma, mb, mcc, mmc, mnc, mkc, mldc, malpha, aEnd, bEnd, ap, cp] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
  const g = new CodeWriter();
  const elemsTimes = (x: number, y: number) => g.localGet(x).localGet(y).op(Op.i32Mul).i32Const(es).op(Op.i32Mul);
  g.localGet(ma);
  elemsTimes(mmc, mkc).op(Op.i32Add).localSet(aEnd);
  g.localGet(mb);
  elemsTimes(mnc, mkc).op(Op.i32Add).localSet(bEnd);
  g.open(Op.loop);
  g.localGet(ma).localSet(ap).localGet(mcc).localSet(cp);
  g.open(Op.loop);
  g.localGet(ap).localGet(mb).localGet(cp).localGet(mldc).localGet(mkc).localGet(malpha).call(0);
  g.localGet(cp).localGet(mldc).i32Const(mr).op(Op.i32Mul).op(Op.i32Add).localSet(cp);
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
  g.localGet(mb)
    .localGet(mkc)
    .i32Const(nr * es)
    .op(Op.i32Mul)
    .op(Op.i32Add)
    .localTee(mb);
  g.localGet(bEnd).op(Op.i32LtU).brIf(0);
  g.end();

  return encodeModule({
    memoryMinPages: 1,
    functions: [
      {
        params: [I32, I32, I32, I32, I32, scalar],
        results: [],
        locals: [I32, ...new Array<number>(1 + nv + mr * nv).fill(V128)],
        body: m,
      },
      {
        params: [I32, I32, I32, I32, I32, I32, I32, scalar],
        results: [],
        locals: [I32, I32, I32, I32],
        body: g,
        exportName: 'macro',
      },
    ],
  });
}
