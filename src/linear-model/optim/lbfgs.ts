/**
 * L-BFGS for smooth unconstrained minimisation, with scipy's L-BFGS-B
 * defaults and stopping rules (memory 10, `gtol` on max|g|, `ftol` on the
 * relative decrease of f, first step `1/‖g‖`, curvature-skipping updates) and
 * a strong-Wolfe line search (bracketing + safeguarded cubic zoom with
 * scipy's `ftol = 1e-3`, `gtol = 0.9`). The linear models' `'lbfgs'` solver.
 */

/** Writes the gradient at `x` into `grad` and returns f(x). */
export type ObjectiveWithGradient = (x: Float64Array, grad: Float64Array) => number;

/** Options of {@link lbfgs}. */
export interface LbfgsOptions {
  /** Iteration cap. Default 15000 (scipy's). */
  maxIter?: number;
  /** Stop when max|gᵢ| ≤ gtol. Default 1e-5. */
  gtol?: number;
  /** Stop when (f_prev − f)/max(|f_prev|, |f|, 1) ≤ ftol. Default 2.220446049250313e-9 (scipy's). */
  ftol?: number;
  /** Number of stored correction pairs. Default 10. */
  memory?: number;
  /** Function evaluations allowed per line search. Default 20. */
  maxLineSearch?: number;
}

/** Result of {@link lbfgs}. */
export interface LbfgsResult {
  x: Float64Array;
  f: number;
  grad: Float64Array;
  nIter: number;
  nFev: number;
  /** `'gtol'`/`'ftol'` when converged; `'maxIter'` or `'lineSearch'` otherwise. */
  status: 'gtol' | 'ftol' | 'maxIter' | 'lineSearch';
  converged: boolean;
}

const C1 = 1e-3;
const C2 = 0.9;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

function maxAbs(a: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = Math.max(s, Math.abs(a[i]));
  return s;
}

/** Minimiser of the cubic through (a, fa, ga), (b, fb, gb), or NaN. */
function cubicMin(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
  const disc = d1 * d1 - ga * gb;
  if (!(disc >= 0)) return Number.NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(disc);
  return b - ((b - a) * (gb + d2 - d1)) / (gb - ga + 2 * d2);
}

interface Trial {
  step: number;
  f: number;
  dg: number;
  x: Float64Array;
  g: Float64Array;
}

/**
 * Minimises `fg` from `x0` (not modified).
 * @example
 * const r = lbfgs((x, g) => { g[0] = 2 * (x[0] - 3); return (x[0] - 3) ** 2; }, Float64Array.of(0));
 * r.x[0]; // ≈ 3
 */
export function lbfgs(fg: ObjectiveWithGradient, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const { maxIter = 15000, gtol = 1e-5, ftol = 2.220446049250313e-9, memory = 10, maxLineSearch = 20 } = options;
  const n = x0.length;
  let x: Float64Array = Float64Array.from(x0);
  let g: Float64Array = new Float64Array(n);
  let f = fg(x, g);
  let nFev = 1;
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const d = new Float64Array(n);
  const alphaBuf = new Float64Array(memory);
  let nIter = 0;
  if (maxAbs(g) <= gtol) return { x, f, grad: g, nIter, nFev, status: 'gtol', converged: true };

  const evaluate = (step: number): Trial => {
    const xt = new Float64Array(n);
    for (let i = 0; i < n; i++) xt[i] = x[i] + step * d[i];
    const gt = new Float64Array(n);
    const ft = fg(xt, gt);
    nFev++;
    return { step, f: ft, dg: dot(gt, d), x: xt, g: gt };
  };

  // Strong-Wolfe line search along d from the current x; null when it fails.
  const lineSearch = (f0: number, dg0: number, step0: number): Trial | null => {
    let prev: Trial = { step: 0, f: f0, dg: dg0, x, g };
    let step = step0;
    const zoom = (lo: Trial, hi: Trial, evals: number): Trial | null => {
      for (let k = evals; k < maxLineSearch; k++) {
        const width = hi.step - lo.step;
        let t = cubicMin(lo.step, lo.f, lo.dg, hi.step, hi.f, hi.dg);
        const lowB = lo.step + 0.1 * width;
        const highB = hi.step - 0.1 * width;
        const [mn, mx] = lowB < highB ? [lowB, highB] : [highB, lowB];
        if (!Number.isFinite(t) || t < mn || t > mx) t = lo.step + 0.5 * width;
        const trial = evaluate(t);
        if (trial.f > f0 + C1 * t * dg0 || trial.f >= lo.f) hi = trial;
        else {
          if (Math.abs(trial.dg) <= -C2 * dg0) return trial;
          if (trial.dg * (hi.step - lo.step) >= 0) hi = lo;
          lo = trial;
        }
        if (Math.abs(hi.step - lo.step) <= 1e-16 * Math.max(1, Math.abs(lo.step))) break;
      }
      return lo.step > 0 && lo.f < f0 ? lo : null;
    };
    for (let k = 0; k < maxLineSearch; k++) {
      const trial = evaluate(step);
      if (!Number.isFinite(trial.f) || trial.f > f0 + C1 * step * dg0 || (k > 0 && trial.f >= prev.f)) {
        return zoom(prev, trial, k + 1);
      }
      if (Math.abs(trial.dg) <= -C2 * dg0) return trial;
      if (trial.dg >= 0) return zoom(trial, prev, k + 1);
      prev = trial;
      step *= 4;
    }
    return null;
  };

  let status: LbfgsResult['status'] = 'maxIter';
  while (nIter < maxIter) {
    // Two-loop recursion: d = -H g with H₀ = (sᵀy / yᵀy) I.
    for (let i = 0; i < n; i++) d[i] = -g[i];
    const k = sList.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rho[j] * dot(sList[j], d);
      alphaBuf[j] = a;
      const yj = yList[j];
      for (let i = 0; i < n; i++) d[i] -= a * yj[i];
    }
    if (k > 0) {
      const gamma = dot(sList[k - 1], yList[k - 1]) / dot(yList[k - 1], yList[k - 1]);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = 0; j < k; j++) {
      const b = rho[j] * dot(yList[j], d);
      const sj = sList[j];
      const coef = alphaBuf[j] - b;
      for (let i = 0; i < n; i++) d[i] += coef * sj[i];
    }
    let dg0 = dot(g, d);
    if (!(dg0 < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dg0 = dot(g, d);
    }
    const step0 = sList.length === 0 ? Math.min(1 / Math.sqrt(dot(d, d)), 1e10) : 1;
    let trial = lineSearch(f, dg0, step0);
    if (trial === null && sList.length > 0) {
      sList.length = 0;
      yList.length = 0;
      rho.length = 0;
      for (let i = 0; i < n; i++) d[i] = -g[i];
      dg0 = dot(g, d);
      trial = lineSearch(f, dg0, Math.min(1 / Math.sqrt(dot(d, d)), 1e10));
    }
    if (trial === null) {
      status = 'lineSearch';
      break;
    }
    const s = new Float64Array(n);
    const yv = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = trial.x[i] - x[i];
      yv[i] = trial.g[i] - g[i];
    }
    const sy = dot(s, yv);
    // Skip the update when the curvature condition fails (as L-BFGS-B does).
    if (sy > 2.220446049250313e-16 * -dg0 * trial.step) {
      if (sList.length === memory) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(s);
      yList.push(yv);
      rho.push(1 / sy);
    }
    const fOld = f;
    x = trial.x;
    g = trial.g;
    f = trial.f;
    nIter++;
    if (nIter >= maxIter) {
      status = 'maxIter';
      break;
    }
    if (maxAbs(g) <= gtol) {
      status = 'gtol';
      break;
    }
    if (fOld - f <= ftol * Math.max(Math.abs(fOld), Math.abs(f), 1)) {
      status = 'ftol';
      break;
    }
  }
  return { x, f, grad: g, nIter, nFev, status, converged: status === 'gtol' || status === 'ftol' };
}
