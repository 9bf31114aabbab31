/** Shared assertions of the manifold tests. */
import { assertClose } from '../helpers/fixtures.js';

/** Asserts each column of `actual` (row-major, `k` columns) equals the expected column or its negation. */
export function columnsUpToSign(actual: ArrayLike<number>, expected: number[][], k: number, atol: number): void {
  const n = expected.length;
  for (let c = 0; c < k; c++) {
    const a = Array.from({ length: n }, (_, i) => actual[i * k + c]);
    const e = expected.map((r) => r[c]);
    let dot = 0;
    for (let i = 0; i < n; i++) dot += a[i] * e[i];
    const s = dot < 0 ? -1 : 1;
    assertClose(
      a.map((v) => s * v),
      e,
      { atol, rtol: 1e-6, label: `column ${c}` },
    );
  }
}
