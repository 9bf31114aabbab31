/**
 * Errors crossing the worker boundary: serialized in the worker, rebuilt in
 * the caller as the same typed error (ValidationError, NotFittedError,
 * ShapeError, DTypeError, TypeError, RangeError...) with the worker's message.
 */
import { DTypeError, NotFittedError, ShapeError, ValidationError } from '../base/errors.js';

/** An error as it travels in a message. */
export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  details?: Record<string, unknown>;
}

const DETAIL_KEYS = ['param', 'row', 'column', 'expected', 'got', 'estimatorName', 'attribute'] as const;

/**
 * Turns anything thrown into a structured-cloneable object.
 * @example serializeError(new ValidationError('bad')) // { name: 'ValidationError', message: 'bad', ... }
 */
export function serializeError(error: unknown): SerializedError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const details: Record<string, unknown> = {};
  for (const key of DETAIL_KEYS) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) {
      try {
        structuredClone(value);
        details[key] = value;
      } catch {
        details[key] = String(value);
      }
    }
  }
  return { name: error.name, message: error.message, stack: error.stack, details };
}

/**
 * Rebuilds a thrown error from {@link serializeError}'s output: the same class
 * when it is one of typelearn's or a standard one, the same message; the
 * worker's stack is kept under `workerStack`.
 * @example throw deserializeError({ name: 'ValidationError', message: 'bad' }); // a ValidationError
 */
export function deserializeError(e: SerializedError): Error {
  let error: Error;
  const details = e.details ?? {};
  switch (e.name) {
    case 'ValidationError': {
      const { estimatorName: _n, attribute: _a, ...rest } = details;
      error = new ValidationError(e.message, rest);
      break;
    }
    case 'NotFittedError':
      error = new NotFittedError(String(details.estimatorName ?? 'estimator'), {
        message: e.message,
        ...(details.attribute === undefined ? {} : { attribute: String(details.attribute) }),
      });
      break;
    case 'ShapeError':
      error = new ShapeError(e.message);
      break;
    case 'DTypeError':
      error = new DTypeError(e.message);
      break;
    case 'TypeError':
      error = new TypeError(e.message);
      break;
    case 'RangeError':
      error = new RangeError(e.message);
      break;
    default:
      error = new Error(e.message);
      if (e.name !== 'Error') error.name = e.name;
  }
  if (e.stack !== undefined) Object.defineProperty(error, 'workerStack', { value: e.stack, enumerable: false });
  return error;
}
