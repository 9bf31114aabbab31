/**
 * The error class for mistakes the user can fix (a wrong column name, a bad
 * file): the command prints its message on one line and exits 1, no stack.
 */

/**
 * A user-facing error of the `typelearn` command.
 * @example throw new UserError(`unknown target column 'x'; columns: a, b`);
 */
export class UserError extends Error {}
