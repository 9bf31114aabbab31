/** Helpers of the clustering tests: comparing labelings up to a renaming of the clusters. */
import assert from 'node:assert/strict';

/** Asserts that two labelings define the same partition (noise label -1 must match exactly). */
export function assertSamePartition(got: ArrayLike<number>, want: ArrayLike<number>, label = 'labels'): void {
  assert.equal(got.length, want.length, `${label}: length`);
  const fwd = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < got.length; i++) {
    const a = got[i];
    const b = want[i];
    assert.equal(a === -1, b === -1, `${label}[${i}]: noise mismatch (${a} vs ${b})`);
    if (fwd.has(a)) assert.equal(fwd.get(a), b, `${label}[${i}]: cluster ${a} maps to two clusters`);
    if (back.has(b)) assert.equal(back.get(b), a, `${label}[${i}]: cluster ${b} is split`);
    fwd.set(a, b);
    back.set(b, a);
  }
}

/** Rows sorted lexicographically (to compare sets of centres whatever their order). */
export function sortedRows(rows: number[][]): number[][] {
  return rows
    .map((r) => r.slice())
    .sort((p, q) => {
      for (let f = 0; f < p.length; f++) if (p[f] !== q[f]) return p[f] - q[f];
      return 0;
    });
}

/** snake_case fixture params to camelCase options. */
export function camelParams(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c) => c.toUpperCase()), v]),
  );
}
