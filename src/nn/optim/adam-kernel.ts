/**
 * The plain float32 Adam update as a WebAssembly SIMD kernel, four lanes of float32 at a
 * time (float64 lanes were bound by the divider: two divides and a square root per
 * element, two lanes per instruction). The arithmetic is float32 throughout, each
 * operation rounded as PyTorch's float32 tensors round it, and matches the JS loop
 * `adamStepF32` bit for bit (that loop rounds every operation with `Math.fround`).
 *
 * The kernel runs in the WASM GEMM's memory: blocks of the four arrays are copied in
 * (small enough to stay in L1/L2) and the three updated ones copied back.
 */
import { CodeWriter, encodeModule, F32, I32, Op, Simd, V128 } from '../../tensor/kernels/wasm/encoder.js';
import { wasmGemmArena } from '../../tensor/kernels/wasm/gemm.js';

/** Elements per copied block (16 KiB per array). */
const BLOCK = 4096;

/**
 * `adam(w, g, m, v, bytes, b1, b2, c1, c2, stepSize, bc2sqrt, eps)` (scalars float32):
 * updates `bytes / 4` float32 elements (a multiple of 4) of the arrays at byte addresses
 * `w`, `g`, `m`, `v`: `m = b1 m + c1 g`, `v = b2 v + (c2 g) g`,
 * `w = w - (stepSize m) / (sqrt(v) / bc2sqrt + eps)`, every operation in float32.
 */
function emitAdam(): CodeWriter {
  const [w, g, m, v, bytes] = [0, 1, 2, 3, 4];
  const sc = (k: number) => 5 + k; // b1, b2, c1, c2, stepSize, bc2sqrt, eps (f32 params)
  const i = 12;
  const [B1, B2, C1, C2, SS, BC, EPS] = [13, 14, 15, 16, 17, 18, 19];
  const [G, M, V, a] = [20, 21, 22, 23];
  const f = new CodeWriter();
  for (let k = 0; k < 7; k++)
    f.localGet(sc(k))
      .simd(Simd.f32x4Splat)
      .localSet(13 + k);
  const addr = (base: number) => f.localGet(base).localGet(i).op(Op.i32Add);
  f.i32Const(0).localSet(i);
  f.open(Op.loop);
  addr(g).simdMem(Simd.v128Load, 2, 0).localSet(G);
  // m = b1 m + c1 g
  addr(m);
  f.localGet(B1);
  addr(m).simdMem(Simd.v128Load, 2, 0);
  f.simd(Simd.f32x4Mul).localGet(C1).localGet(G).simd(Simd.f32x4Mul).simd(Simd.f32x4Add).localTee(M);
  f.simdMem(Simd.v128Store, 2, 0);
  // v = b2 v + (c2 g) g
  addr(v);
  f.localGet(B2);
  addr(v).simdMem(Simd.v128Load, 2, 0);
  f.simd(Simd.f32x4Mul).localGet(C2).localGet(G).simd(Simd.f32x4Mul).localGet(G).simd(Simd.f32x4Mul);
  f.simd(Simd.f32x4Add).localTee(V);
  f.simdMem(Simd.v128Store, 2, 0);
  // w = w - (stepSize m) / (sqrt(v) / bc2sqrt + eps)
  addr(w);
  addr(w).simdMem(Simd.v128Load, 2, 0).localSet(a);
  f.localGet(a).localGet(SS).localGet(M).simd(Simd.f32x4Mul);
  f.localGet(V).simd(Simd.f32x4Sqrt).localGet(BC).simd(Simd.f32x4Div).localGet(EPS).simd(Simd.f32x4Add);
  f.simd(Simd.f32x4Div).simd(Simd.f32x4Sub);
  f.simdMem(Simd.v128Store, 2, 0);
  f.localGet(i).i32Const(16).op(Op.i32Add).localTee(i);
  f.localGet(bytes).op(Op.i32LtU).brIf(0);
  f.end();
  return f;
}

/**
 * The module bytes (one export, `adam`; imports `env.memory`).
 * @example
 * buildAdamModule().length < 4096;
 */
export function buildAdamModule(): Uint8Array<ArrayBuffer> {
  return encodeModule({
    memoryMinPages: 1,
    functions: [
      {
        params: [I32, I32, I32, I32, I32, F32, F32, F32, F32, F32, F32, F32],
        results: [],
        locals: [I32, ...new Array<number>(11).fill(V128)],
        body: emitAdam(),
        exportName: 'adam',
      },
    ],
  });
}

type AdamFn = (...args: number[]) => void;

let kernel: AdamFn | null | undefined;

function adamKernel(): AdamFn | null {
  if (kernel !== undefined) return kernel;
  kernel = null;
  const arena = wasmGemmArena();
  if (arena === null) return null;
  try {
    const inst = new WebAssembly.Instance(new WebAssembly.Module(buildAdamModule()), { env: { memory: arena.memory } });
    kernel = inst.exports.adam as AdamFn;
  } catch {
    kernel = null;
  }
  return kernel;
}

/**
 * Runs the float32 Adam update of `w` (gradient `g`, moments `m`, `v`; the scalars are
 * rounded to float32 by the call) on the WASM kernel for the leading multiple-of-4
 * elements and returns how many it did (0 when WASM SIMD is unavailable); the caller's JS
 * loop does the rest.
 * @example
 * const done = adamStepWasm(w, g, m, v, 0.9, 0.999, 0.1, 0.001, 1e-3 / (1 - 0.9), Math.sqrt(1 - 0.999), 1e-8);
 */
export function adamStepWasm(
  w: Float32Array,
  g: Float32Array,
  m: Float32Array,
  v: Float32Array,
  b1: number,
  b2: number,
  c1: number,
  c2: number,
  stepSize: number,
  bc2sqrt: number,
  eps: number,
): number {
  const k = adamKernel();
  const arena = wasmGemmArena();
  if (k === null || arena === null) return 0;
  const n = w.length & ~3;
  const view = arena.view32(4 * 4 * BLOCK);
  const [wo, go, mo, vo] = [0, BLOCK, 2 * BLOCK, 3 * BLOCK];
  for (let s = 0; s < n; s += BLOCK) {
    const e = Math.min(n, s + BLOCK);
    view.set(w.subarray(s, e), wo);
    view.set(g.subarray(s, e), go);
    view.set(m.subarray(s, e), mo);
    view.set(v.subarray(s, e), vo);
    k(wo * 4, go * 4, mo * 4, vo * 4, (e - s) * 4, b1, b2, c1, c2, stepSize, bc2sqrt, eps);
    w.set(view.subarray(wo, wo + e - s), s);
    m.set(view.subarray(mo, mo + e - s), s);
    v.set(view.subarray(vo, vo + e - s), s);
  }
  return n;
}
