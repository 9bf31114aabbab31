/**
 * The unfolding behind convolution as GEMM (internal to nn): im2col copies every kernel
 * tap of every output position into a `(C * kH * kW) x (images * H_out * W_out)` matrix,
 * col2im adds such a matrix back into an image gradient (its adjoint).
 */
import type { FloatArray } from '../../tensor/kernels/gemm.js';

/** Geometry of one convolution, shared by the im2col and col2im loops. */
export interface Geom {
  C: number;
  H: number;
  W: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  Ho: number;
  Wo: number;
}

/** The output columns `j` in `[0, Wo)` with `0 <= x0 + j * sw < W`, as `[lo, hi)`. */
function validRange(x0: number, sw: number, W: number, Wo: number): [number, number] {
  const lo = x0 >= 0 ? 0 : Math.min(Wo, Math.ceil(-x0 / sw));
  const hi = x0 >= W ? lo : Math.max(lo, Math.min(Wo, Math.floor((W - 1 - x0) / sw) + 1));
  return [lo, hi];
}

/**
 * Unfolds channels `[c0, c0 + cg)` of images `[n0, n0 + nImg)` of `x` (NCHW) into `cols`:
 * row `(c, u, v)` holds tap `(u, v)` of channel `c` for every output position of those
 * images (row stride `nImg * Ho * Wo`), zeros where the tap falls in the padding.
 */
export function im2col(
  x: FloatArray,
  g: Geom,
  n0: number,
  nImg: number,
  c0: number,
  cg: number,
  cols: FloatArray,
): void {
  const { C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo } = g;
  const hw = Ho * Wo;
  const ld = nImg * hw;
  for (let c = 0; c < cg; c++) {
    for (let u = 0; u < kh; u++) {
      for (let v = 0; v < kw; v++) {
        const row = ((c * kh + u) * kw + v) * ld;
        // Output columns j whose tap x0 + j*sw lands inside [0, W): [jLo, jHi).
        const x0 = v * dw - pw;
        const [jLo, jHi] = validRange(x0, sw, W, Wo);
        for (let im = 0; im < nImg; im++) {
          const src = ((n0 + im) * C + c0 + c) * H * W;
          const dst = row + im * hw;
          for (let i = 0; i < Ho; i++) {
            const y = i * sh - ph + u * dh;
            const d = dst + i * Wo;
            if (y < 0 || y >= H) {
              cols.fill(0, d, d + Wo);
              continue;
            }
            const srow = src + x0;
            for (let j = 0; j < jLo; j++) cols[d + j] = 0;
            for (let j = jLo; j < jHi; j++) cols[d + j] = x[srow + y * W + j * sw];
            for (let j = jHi; j < Wo; j++) cols[d + j] = 0;
          }
        }
      }
    }
  }
}

/** Adds `cols` back into the image gradient (the adjoint of {@link im2col}). */
export function col2im(
  cols: FloatArray,
  g: Geom,
  n0: number,
  nImg: number,
  c0: number,
  cg: number,
  gx: FloatArray,
): void {
  const { C, H, W, kh, kw, sh, sw, ph, pw, dh, dw, Ho, Wo } = g;
  const hw = Ho * Wo;
  const ld = nImg * hw;
  for (let c = 0; c < cg; c++) {
    for (let u = 0; u < kh; u++) {
      for (let v = 0; v < kw; v++) {
        const row = ((c * kh + u) * kw + v) * ld;
        const x0 = v * dw - pw;
        const [jLo, jHi] = validRange(x0, sw, W, Wo);
        for (let im = 0; im < nImg; im++) {
          const dstImg = ((n0 + im) * C + c0 + c) * H * W;
          const srcBase = row + im * hw;
          for (let i = 0; i < Ho; i++) {
            const y = i * sh - ph + u * dh;
            if (y < 0 || y >= H) continue;
            const s = srcBase + i * Wo;
            const drow = dstImg + y * W + x0;
            for (let j = jLo; j < jHi; j++) gx[drow + j * sw] += cols[s + j];
          }
        }
      }
    }
  }
}

/**
 * Images per GEMM chunk: the unfolded matrix (`k` rows) and the GEMM output (`o` rows) of
 * a chunk, `(k + o) * hw` elements per image, stay around 128K elements (512 KiB in
 * float32), so both are still in L2 when the next loop reads them. Measured on the Keras
 * CNN's conv (32 x 676 x 9 per image): 4 images per GEMM ran 2-3x faster than one GEMM over
 * 128 images, which streams a 11 MB output through memory twice.
 */
export function chunkSize(n: number, k: number, hw: number, o: number): number {
  return Math.max(1, Math.min(n, Math.floor((1 << 17) / Math.max(1, (k + o) * hw))));
}
