/**
 * Half Tweedie deviance losses of scikit-learn 1.2's generalized linear
 * models (`sklearn._loss`): for power `p` and a log or identity link, the
 * per-sample loss of the raw prediction `r = x·w + b` without its constant
 * term, its derivative in `r`, and the constant that makes it the half
 * deviance (zero at `mu = y`), used by the D² score.
 */

/** Link of a Tweedie model: `mu = exp(r)` or `mu = r`. */
export type GlmLink = 'log' | 'identity';

/** A Tweedie family: power and link. */
export interface TweedieFamily {
  power: number;
  link: GlmLink;
}

/**
 * Whether `y` is in the range the family allows (`p ≤ 0`: any; `0 < p < 2`: `y ≥ 0`; `p ≥ 2`: `y > 0`).
 * @example yInRange(1, -1) // false
 */
export function yInRange(power: number, y: number): boolean {
  if (power <= 0) return Number.isFinite(y);
  if (power < 2) return y >= 0;
  return y > 0;
}

/**
 * Loss (constant term dropped, as sklearn) at raw prediction `r`; writes
 * the derivative in `r` to `grad[i]`.
 * @example const g = new Float64Array(1); tweedieLoss({ power: 1, link: 'log' }, 2, 0, g, 0) // 1 (exp(0) − 2·0)
 */
export function tweedieLoss(family: TweedieFamily, y: number, r: number, grad: Float64Array, i: number): number {
  const p = family.power;
  if (family.link === 'log') {
    if (p === 0) {
      const mu = Math.exp(r);
      grad[i] = (mu - y) * mu;
      return 0.5 * (mu - y) * (mu - y);
    }
    if (p === 1) {
      const mu = Math.exp(r);
      grad[i] = mu - y;
      return mu - y * r;
    }
    if (p === 2) {
      const e = y * Math.exp(-r);
      grad[i] = 1 - e;
      return r + e;
    }
    const a = Math.exp((1 - p) * r);
    const b = Math.exp((2 - p) * r);
    grad[i] = b - y * a;
    return b / (2 - p) - (y * a) / (1 - p);
  }
  if (p === 0) {
    grad[i] = r - y;
    return 0.5 * (r - y) * (r - y);
  }
  if (p === 1) {
    grad[i] = 1 - y / r;
    return r - (y === 0 ? 0 : y * Math.log(r));
  }
  if (p === 2) {
    grad[i] = 1 / r - y / (r * r);
    return Math.log(r) + y / r;
  }
  grad[i] = r ** (1 - p) - y * r ** -p;
  return r ** (2 - p) / (2 - p) - (y * r ** (1 - p)) / (1 - p);
}

/**
 * The constant that turns {@link tweedieLoss} into the half deviance (sklearn's `constant_to_optimal_zero`).
 * @example tweedieConstant({ power: 1, link: 'log' }, 1) // -1
 */
export function tweedieConstant(family: TweedieFamily, y: number): number {
  const p = family.power;
  if (p === 0) return 0;
  if (p === 1) return (y === 0 ? 0 : y * Math.log(y)) - y;
  if (p === 2) return -Math.log(y) - 1;
  return Math.max(y, 0) ** (2 - p) / (1 - p) / (2 - p);
}

/** `mu` from the raw prediction. */
export function inverseLink(link: GlmLink, r: number): number {
  return link === 'log' ? Math.exp(r) : r;
}

/** The raw prediction of `mu`. */
export function applyLink(link: GlmLink, mu: number): number {
  return link === 'log' ? Math.log(mu) : mu;
}
