/**
 * A failure the server reports in its error envelope:
 * `{"success":false,"error":{"code","message"}}`. The duplicate check uses
 * the number 0 as its code, as Vtiger does.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code: string | number;

  constructor(code: string | number, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * A PHP fatal error on the real server: HTTP 500 with an empty body.
 */
export class PhpFatalError extends Error {
  override readonly name = 'PhpFatalError';
}

/** `ACCESS_DENIED` with the plain "denied" message. */
export function accessDenied(suffix = ''): ApiError {
  return new ApiError(
    'ACCESS_DENIED',
    `Permission to perform the operation is denied${suffix}`,
  );
}

/** `INVALID_ID_ATTRIBUTE`, the answer for a malformed or foreign id. */
export function invalidId(): ApiError {
  return new ApiError('INVALID_ID_ATTRIBUTE', 'Id specified is incorrect');
}
