/**
 * Global grad mode: whether differentiable ops record their backward. Recording is on by
 * default; `noGrad` turns it off for inference and optimizer updates.
 */

let enabled = true;

/**
 * Whether ops currently record the autograd graph.
 * @example isGradEnabled(); // true outside noGrad
 */
export function isGradEnabled(): boolean {
  return enabled;
}

/**
 * Turns recording on or off globally (prefer {@link noGrad}, which restores the mode).
 * @example setGradEnabled(false);
 */
export function setGradEnabled(flag: boolean): void {
  enabled = flag;
}

/**
 * Runs `fn` with recording off (PyTorch's `torch.no_grad()`): outputs never require grad.
 * Restores the previous mode even when `fn` throws.
 * @example const pred = noGrad(() => model.forward(x));
 */
export function noGrad<T>(fn: () => T): T {
  const before = enabled;
  enabled = false;
  try {
    return fn();
  } finally {
    enabled = before;
  }
}

/**
 * Runs `fn` with recording on, e.g. inside a {@link noGrad} block.
 * @example noGrad(() => enableGrad(() => F.mul(w, w)));
 */
export function enableGrad<T>(fn: () => T): T {
  const before = enabled;
  enabled = true;
  try {
    return fn();
  } finally {
    enabled = before;
  }
}
