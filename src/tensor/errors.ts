/**
 * Errors raised by the tensor core. They extend `RangeError`/`TypeError` so
 * plain JS code can catch them, and `base` re-exports them next to
 * `ValidationError`.
 */

/** A shape that is invalid, or shapes that do not fit together (broadcasting, matmul, reshape). */
export class ShapeError extends RangeError {
  override name = 'ShapeError';
}

/** A dtype that an operation does not support, or a value that does not fit a dtype. */
export class DTypeError extends TypeError {
  override name = 'DTypeError';
}
