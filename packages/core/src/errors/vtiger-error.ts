const vtigerErrorMarker = Symbol.for('@vtiger/core/VtigerError');

/** Options shared by every error class of this package. */
export interface VtigerErrorOptions {
  /** Vtiger operation that failed, for example `query` or `login`. */
  operation?: string | undefined;
  /** Underlying error, already stripped of secrets. */
  cause?: unknown;
}

/**
 * Base class of every error thrown by `@vtiger/core`.
 *
 * Use {@link isVtigerError} rather than `instanceof` when the error may come
 * from a second copy of the package (for example one bundled by a plugin).
 *
 * @example
 * ```ts
 * import { Vtiger, isVtigerError } from '@vtiger/core';
 *
 * try {
 *   await client.query('SELECT * FROM Leads;');
 * } catch (error) {
 *   if (isVtigerError(error)) console.error(error.operation, error.message);
 * }
 * ```
 */
export class VtigerError extends Error {
  override name: string = 'VtigerError';
  /** Vtiger operation that failed, when one was being sent. */
  readonly operation: string | undefined;

  constructor(message: string, options: VtigerErrorOptions = {}) {
    super(
      message,
      options.cause === undefined ? undefined : { cause: options.cause },
    );
    this.operation = options.operation;
  }
}

/**
 * Marks an error class so that `instanceof` also recognises instances made
 * by another copy of this package: each class gets a `Symbol.for` marker on
 * its prototype, which subclasses inherit, and checks for it.
 */
export function brandErrorClass(
  errorClass: abstract new (...args: never[]) => Error,
  name: string,
): void {
  const marker = Symbol.for(`@vtiger/core/${name}`);
  Object.defineProperty(errorClass.prototype, marker, { value: true });
  Object.defineProperty(errorClass, Symbol.hasInstance, {
    value: (value: unknown): boolean =>
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[marker] === true,
  });
}

brandErrorClass(VtigerError, 'VtigerError');

/**
 * Tells whether a value is an error thrown by any copy of `@vtiger/core`.
 *
 * The check uses a `Symbol.for` marker, so it works across duplicated
 * package copies where `instanceof` fails.
 *
 * @example
 * ```ts
 * import { isVtigerError } from '@vtiger/core';
 *
 * if (isVtigerError(error) && error.name === 'VtigerApiError') {
 *   console.log('Vtiger rejected the request:', error.message);
 * }
 * ```
 */
export function isVtigerError(value: unknown): value is VtigerError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<symbol, unknown>)[vtigerErrorMarker] === true
  );
}
