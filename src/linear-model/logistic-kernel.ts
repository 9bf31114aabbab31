/**
 * WebAssembly SIMD (f64x2) kernels for the two matrix passes of a dense binary
 * logistic loss evaluation: the row dot products `zᵢ = b + xᵢ·w` and the gradient
 * accumulation `g += Σᵢ dᵢ·xᵢ`. Each reproduces the summation order of the
 * JavaScript loops in `logistic-loss.ts` (four partial sums per row dot; gradient
 * rows added four at a time), and wasm has no fused multiply-add, so results are
 * bit-identical to the JavaScript path; so does the pointwise loss/weight step, given
 * `exp(−|z|)` and `log1p` of it from JavaScript's `Math` (they stay in JavaScript).
 *
 * The module is built at runtime with the tensor kernels' byte encoder (no
 * checked-in binary). A kernel owns its own memory holding a copy of X, so it is
 * made once per fit ({@link createLogisticKernel}) and dropped with it.
 */
import { CodeWriter, compileOnce, encodeModule, F64, I32, Op, Simd, V128 } from '../tensor/kernels/wasm/encoder.js';

/** `while (a < b) { body }` on two i32 locals (byte addresses), as block/loop/br_if/br. */
function whileLess(f: CodeWriter, a: number, b: number, body: () => void): void {
  f.open(Op.block);
  f.open(Op.loop);
  f.localGet(a).localGet(b).op(Op.i32GeU).brIf(1);
  body();
  f.byte(Op.br).u32(0);
  f.end();
  f.end();
}

function f64Load(f: CodeWriter, offset: number): CodeWriter {
  return f.byte(Op.f64Load).u32(3).u32(offset);
}

function f64Const(f: CodeWriter, v: number): CodeWriter {
  const b = new Uint8Array(new Float64Array([v]).buffer);
  f.byte(Op.f64Const);
  // Float64Array bytes are platform order; the binary format wants little-endian.
  const le = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  for (let i = 0; i < 8; i++) f.byte(b[le ? i : 7 - i]);
  return f;
}

function addLocal(f: CodeWriter, local: number, amount: number | (() => void)): void {
  f.localGet(local);
  if (typeof amount === 'number') f.i32Const(amount);
  else amount();
  f.op(Op.i32Add).localSet(local);
}

/**
 * `dots(x, w, z, rows, n, b)`: for `rows` rows of `n` f64 starting at byte address `x`,
 * stores `b + ((s0 + s1) + (s2 + s3))` at `z` (one f64 per row), where `s_k` sums
 * `x[j]·w[j]` over `j ≡ k (mod 4)`, `j < n & ~3`, and then the last `n % 4` terms into `s0`.
 */
function dotsBody(): CodeWriter {
  const [x, w, z, rows, n, b] = [0, 1, 2, 3, 4, 5];
  const [zEnd, j, n4b, nb, acc01, acc23, s0] = [6, 7, 8, 9, 10, 11, 12];
  const f = new CodeWriter();
  f.localGet(n).i32Const(3).op(Op.i32Shl).localSet(nb);
  f.localGet(n).i32Const(-4).op(Op.i32And).i32Const(3).op(Op.i32Shl).localSet(n4b);
  f.localGet(z).localGet(rows).i32Const(3).op(Op.i32Shl).op(Op.i32Add).localSet(zEnd);
  whileLess(f, z, zEnd, () => {
    f.i32Const(0).simd(Simd.i32x4Splat).localTee(acc01).localSet(acc23);
    f.i32Const(0).localSet(j);
    whileLess(f, j, n4b, () => {
      for (const [acc, off] of [
        [acc01, 0],
        [acc23, 16],
      ]) {
        f.localGet(acc);
        f.localGet(x).localGet(j).op(Op.i32Add).simdMem(Simd.v128Load, 3, off);
        f.localGet(w).localGet(j).op(Op.i32Add).simdMem(Simd.v128Load, 3, off);
        f.simd(Simd.f64x2Mul).simd(Simd.f64x2Add).localSet(acc);
      }
      addLocal(f, j, 32);
    });
    f.localGet(acc01).simd(Simd.f64x2ExtractLane).byte(0).localSet(s0);
    whileLess(f, j, nb, () => {
      f.localGet(s0);
      f64Load(f.localGet(x).localGet(j).op(Op.i32Add), 0);
      f64Load(f.localGet(w).localGet(j).op(Op.i32Add), 0);
      f.op(Op.f64Mul).op(Op.f64Add).localSet(s0);
      addLocal(f, j, 8);
    });
    f.localGet(z).localGet(b);
    f.localGet(s0).localGet(acc01).simd(Simd.f64x2ExtractLane).byte(1).op(Op.f64Add);
    f.localGet(acc23).simd(Simd.f64x2ExtractLane).byte(0);
    f.localGet(acc23).simd(Simd.f64x2ExtractLane).byte(1).op(Op.f64Add);
    f.op(Op.f64Add).op(Op.f64Add);
    f.byte(Op.f64Store).u32(3).u32(0);
    addLocal(f, x, () => f.localGet(nb));
    addLocal(f, z, 8);
  });
  return f;
}

/**
 * `grad(x, d, g, groups, n)`: for `groups` groups of 4 consecutive rows of `n` f64 at `x`
 * and their 4 weights at `d`, does `g[c] += ((d0·x0[c] + d1·x1[c]) + d2·x2[c]) + d3·x3[c]`
 * for every column `c` (two columns per f64x2, the odd last one in scalar).
 */
function gradBody(): CodeWriter {
  const [x, d, g, groups, n] = [0, 1, 2, 3, 4];
  const [dEnd, c, nb, n2b, x1, x2, x3, gc] = [5, 6, 7, 8, 9, 10, 11, 12];
  const [d0, d1, d2, d3] = [13, 14, 15, 16];
  const f = new CodeWriter();
  f.localGet(n).i32Const(3).op(Op.i32Shl).localSet(nb);
  f.localGet(n).i32Const(-2).op(Op.i32And).i32Const(3).op(Op.i32Shl).localSet(n2b);
  f.localGet(d).localGet(groups).i32Const(5).op(Op.i32Shl).op(Op.i32Add).localSet(dEnd);
  const rows = [x, x1, x2, x3];
  const ds = [d0, d1, d2, d3];
  whileLess(f, d, dEnd, () => {
    for (let k = 0; k < 4; k++)
      f.localGet(d)
        .simdMem(Simd.v128Load64Splat, 3, 8 * k)
        .localSet(ds[k]);
    f.localGet(x).localGet(nb).op(Op.i32Add).localTee(x1).localGet(nb).op(Op.i32Add).localTee(x2);
    f.localGet(nb).op(Op.i32Add).localSet(x3);
    f.i32Const(0).localSet(c);
    whileLess(f, c, n2b, () => {
      f.localGet(g).localGet(c).op(Op.i32Add).localTee(gc);
      f.localGet(gc).simdMem(Simd.v128Load, 3, 0);
      for (let k = 0; k < 4; k++) {
        f.localGet(ds[k]);
        f.localGet(rows[k]).localGet(c).op(Op.i32Add).simdMem(Simd.v128Load, 3, 0);
        f.simd(Simd.f64x2Mul);
        if (k > 0) f.simd(Simd.f64x2Add);
      }
      f.simd(Simd.f64x2Add).simdMem(Simd.v128Store, 3, 0);
      addLocal(f, c, 16);
    });
    // The odd last column (at most one iteration).
    whileLess(f, c, nb, () => {
      f.localGet(g).localGet(c).op(Op.i32Add).localTee(gc);
      f64Load(f.localGet(gc), 0);
      for (let k = 0; k < 4; k++) {
        f64Load(f.localGet(d), 8 * k);
        f64Load(f.localGet(rows[k]).localGet(c).op(Op.i32Add), 0);
        f.op(Op.f64Mul);
        if (k > 0) f.op(Op.f64Add);
      }
      f.op(Op.f64Add).byte(Op.f64Store).u32(3).u32(0);
      addLocal(f, c, 8);
    });
    f.localGet(x3).localGet(nb).op(Op.i32Add).localSet(x);
    addLocal(f, d, 32);
  });
  return f;
}

/**
 * `pointwise(z, e, l, y, sw, rows, acc)`: with `e[k] = exp(−|z[k]|)` and `l[k] = log1p(e[k])`
 * given, adds `sw·(softplus(z) − y·z)` to `acc[0]`, then turns `z[k]` into
 * `d = sw·(σ(z) − y)` and adds it to `acc[1]`, row by row in order: the arithmetic of
 * `lossBlock` in `logistic-loss.ts`. Two rows per f64x2 with its branches as lane masks
 * (`softplus = pmax(0, z) + l`: `z + l` for z > 0, else exactly `l`; the sigmoid's numerator
 * is 1 for z ≥ 0, else `e`), the sums still added one row at a time; an odd last row in scalar.
 */
function pointwiseBody(): CodeWriter {
  const [z, e, l, y, sw, rows, acc] = [0, 1, 2, 3, 4, 5, 6];
  const [zEnd, z2End, loss, dsum, zi, ei, si, yi, di] = [7, 8, 9, 10, 11, 12, 13, 14, 15];
  const [vz, vt, vd, zero, one] = [16, 17, 18, 19, 20];
  const f = new CodeWriter();
  f64Load(f.localGet(acc), 0).localSet(loss);
  f64Load(f.localGet(acc), 8).localSet(dsum);
  f.localGet(z).localGet(rows).i32Const(3).op(Op.i32Shl).op(Op.i32Add).localSet(zEnd);
  f.localGet(z).localGet(rows).i32Const(-2).op(Op.i32And).i32Const(3).op(Op.i32Shl).op(Op.i32Add).localSet(z2End);
  f.i32Const(0).simd(Simd.i32x4Splat).localSet(zero);
  f64Const(f, 1).simd(Simd.f64x2Splat).localSet(one);
  const load = (p: number) => f.localGet(p).simdMem(Simd.v128Load, 3, 0);
  whileLess(f, z, z2End, () => {
    load(z).localSet(vz);
    // t = sw · ((pmax(0, z) + l) − y·z)
    load(sw);
    f.localGet(zero).localGet(vz).simd(Simd.f64x2Pmax);
    load(l).simd(Simd.f64x2Add);
    load(y).localGet(vz).simd(Simd.f64x2Mul).simd(Simd.f64x2Sub);
    f.simd(Simd.f64x2Mul).localSet(vt);
    // d = sw · ((z ≥ 0 ? 1 : e) / (1 + e) − y)
    load(sw);
    f.localGet(one);
    load(e);
    f.localGet(vz).localGet(zero).simd(Simd.f64x2Ge).simd(Simd.v128Bitselect);
    f.localGet(one);
    load(e).simd(Simd.f64x2Add).simd(Simd.f64x2Div);
    load(y).simd(Simd.f64x2Sub).simd(Simd.f64x2Mul).localSet(vd);
    f.localGet(z).localGet(vd).simdMem(Simd.v128Store, 3, 0);
    for (const [sum, v] of [
      [loss, vt],
      [dsum, vd],
    ]) {
      for (let lane = 0; lane < 2; lane++) {
        f.localGet(sum).localGet(v).simd(Simd.f64x2ExtractLane).byte(lane).op(Op.f64Add).localSet(sum);
      }
    }
    for (const p of [z, e, l, y, sw]) addLocal(f, p, 16);
  });
  whileLess(f, z, zEnd, () => {
    f64Load(f.localGet(z), 0).localSet(zi);
    f64Load(f.localGet(e), 0).localSet(ei);
    f64Load(f.localGet(y), 0).localSet(yi);
    f64Load(f.localGet(sw), 0).localSet(si);
    // loss += sw · ((z > 0 ? z + l : l) − y·z)
    f.localGet(loss).localGet(si);
    f.localGet(zi);
    f64Load(f.localGet(l), 0).op(Op.f64Add);
    f64Load(f.localGet(l), 0);
    f64Const(f.localGet(zi), 0).op(Op.f64Gt).op(Op.select);
    f.localGet(yi).localGet(zi).op(Op.f64Mul).op(Op.f64Sub);
    f.op(Op.f64Mul).op(Op.f64Add).localSet(loss);
    // d = sw · ((z >= 0 ? 1 : e) / (1 + e) − y)
    f.localGet(si);
    f64Const(f, 1).localGet(ei);
    f64Const(f.localGet(zi), 0).op(Op.f64Ge).op(Op.select);
    f64Const(f, 1).localGet(ei).op(Op.f64Add).op(Op.f64Div);
    f.localGet(yi).op(Op.f64Sub).op(Op.f64Mul).localSet(di);
    f.localGet(dsum).localGet(di).op(Op.f64Add).localSet(dsum);
    f.localGet(z).localGet(di).byte(Op.f64Store).u32(3).u32(0);
    for (const p of [z, e, l, y, sw]) addLocal(f, p, 8);
  });
  f.localGet(acc).localGet(loss).byte(Op.f64Store).u32(3).u32(0);
  f.localGet(acc).localGet(dsum).byte(Op.f64Store).u32(3).u32(8);
  return f;
}

function buildModule(): Uint8Array<ArrayBuffer> {
  return encodeModule({
    memoryMinPages: 1,
    functions: [
      {
        params: [I32, I32, I32, I32, I32, F64],
        results: [],
        locals: [I32, I32, I32, I32, V128, V128, F64],
        body: dotsBody(),
        exportName: 'dots',
      },
      {
        params: [I32, I32, I32, I32, I32],
        results: [],
        locals: [...new Array<number>(8).fill(I32), V128, V128, V128, V128],
        body: gradBody(),
        exportName: 'grad',
      },
      {
        params: [I32, I32, I32, I32, I32, I32, I32],
        results: [],
        locals: [I32, I32, F64, F64, F64, F64, F64, F64, F64, V128, V128, V128, V128, V128],
        body: pointwiseBody(),
        exportName: 'pointwise',
      },
    ],
  });
}

const compile = compileOnce(buildModule);

/** Largest copy of X a kernel takes (bytes); bigger inputs keep the JavaScript path rather than double their memory. */
const MAX_X_BYTES = 512 * 2 ** 20;

/**
 * The passes of a dense binary logistic evaluation over a fixed copy of X (`m × n`,
 * row-major) in WebAssembly memory. `w`, `z`, `e`, `l`, `grad` and `acc` are views on
 * that memory. Per evaluation: write the weights into `w`, zero `grad` and `acc`; per
 * block of rows: {@link LogisticKernel.dots}, fill `e` and `l` from `z` in JavaScript,
 * {@link LogisticKernel.pointwise}, {@link LogisticKernel.grad4}.
 */
export interface LogisticKernel {
  /** Coefficients, length `n`. */
  readonly w: Float64Array;
  /** Per-row block scratch: decisions out of `dots`, gradient weights out of `pointwise`. */
  readonly z: Float64Array;
  /** `exp(−|z|)` of the block (filled by the caller). */
  readonly e: Float64Array;
  /** `log1p(e)` of the block (filled by the caller). */
  readonly l: Float64Array;
  /** Coefficient gradient, length `n`, accumulated by {@link LogisticKernel.grad4}. */
  readonly grad: Float64Array;
  /** `[loss, Σ d]`, accumulated by {@link LogisticKernel.pointwise}. */
  readonly acc: Float64Array;
  /** Rows per block (a multiple of 4). */
  readonly blockRows: number;
  /** Copies the targets (0/1) and sample weights used by {@link LogisticKernel.pointwise}. */
  setTargets(y01: Float64Array, sw: Float64Array): void;
  /** `z[k] = b + x_{start+k} · w` for `k < rows` (`rows ≤ blockRows`). */
  dots(start: number, rows: number, b: number): void;
  /** Loss terms into `acc[0]`, gradient weights `d` into `z` and `acc[1]`, for rows `start..start+rows`. */
  pointwise(start: number, rows: number): void;
  /** `grad += Σ_k z[k] · x_{start+k}` for `k < groups·4`, rows added four at a time. */
  grad4(start: number, groups: number): void;
}

/**
 * Whether the kernel can run here (WebAssembly SIMD); the module is compiled on first call.
 * @example if (logisticKernelAvailable()) createLogisticKernel(xs, m, n, 1024)
 */
export function logisticKernelAvailable(): boolean {
  return compile() !== null;
}

/**
 * A kernel holding a copy of `xs` (`m × n`), or `null` when WebAssembly SIMD is
 * unavailable or X is too large to copy. `blockRows` must be a multiple of 4.
 * @example
 * const k = createLogisticKernel(xs, m, n, 1024);
 * if (k) { k.w.set(w.subarray(0, n)); k.dots(0, Math.min(m, 1024), b); }
 */
export function createLogisticKernel(xs: Float64Array, m: number, n: number, blockRows: number): LogisticKernel | null {
  const mod = compile();
  if (mod === null || m * n * 8 > MAX_X_BYTES) return null;
  // Layout in f64 units; each part starts on an even index (16-byte aligned).
  const even = (v: number) => v + (v & 1);
  const wOff = even(m * n);
  const zOff = wOff + even(n);
  const eOff = zOff + blockRows;
  const lOff = eOff + blockRows;
  const gOff = lOff + blockRows;
  const accOff = gOff + even(n);
  const yOff = accOff + 2;
  const swOff = yOff + even(m);
  const bytes = (swOff + m) * 8;
  let exports: WebAssembly.Exports;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
    exports = new WebAssembly.Instance(mod, { env: { memory } }).exports;
  } catch {
    return null;
  }
  const dots = exports.dots as (x: number, w: number, z: number, rows: number, n: number, b: number) => void;
  const grad = exports.grad as (x: number, d: number, g: number, groups: number, n: number) => void;
  const pointwise = exports.pointwise as (
    z: number,
    e: number,
    l: number,
    y: number,
    sw: number,
    rows: number,
    acc: number,
  ) => void;
  const buf = memory.buffer;
  new Float64Array(buf, 0, m * n).set(xs.subarray(0, m * n));
  const rowBytes = n * 8;
  const view = (off: number, len: number) => new Float64Array(buf, off * 8, len);
  const y = view(yOff, m);
  const sw = view(swOff, m);
  return {
    w: view(wOff, n),
    z: view(zOff, blockRows),
    e: view(eOff, blockRows),
    l: view(lOff, blockRows),
    grad: view(gOff, n),
    acc: view(accOff, 2),
    blockRows,
    setTargets: (y01, weights) => {
      y.set(y01.subarray(0, m));
      sw.set(weights.subarray(0, m));
    },
    dots: (start, rows, b) => dots(start * rowBytes, wOff * 8, zOff * 8, rows, n, b),
    pointwise: (start, rows) =>
      pointwise(zOff * 8, eOff * 8, lOff * 8, (yOff + start) * 8, (swOff + start) * 8, rows, accOff * 8),
    grad4: (start, groups) => grad(start * rowBytes, zOff * 8, gOff * 8, groups, n),
  };
}
