import { VtigerApiError } from './errors/api-error.js';
import { VtigerAuthError } from './errors/auth-error.js';
import { sessionErrorCodes, type VtigerApi } from './operations.js';

const credentialsHint =
  'Check the user name and the access key (My Preferences > Access Key in Vtiger; it is not the password).';

/** Codes that mean the credentials or the session were rejected. */
const authCodes = new Set([
  'INVALID_USER_CREDENTIALS',
  'AUTHENTICATION_FAILURE',
  'INVALID_AUTH_TOKEN',
  'ACCESSKEY_UNDEFINED',
  'HTTP_401',
  ...sessionErrorCodes,
]);

const hints: Record<string, string> = {
  QUERY_SYNTAX_ERROR:
    "Check the VTQL: it ends with ';', strings are single-quoted with '' for an embedded quote, and parentheses around conditions, NOT, IS NULL and BETWEEN are not supported.",
  ACCESS_DENIED:
    'The module or field name may be wrong (module names are case-sensitive), the record may not exist or be deleted, or the user lacks permission.',
  INVALID_ID_ATTRIBUTE:
    'Ids look like 10x123, where 10 is the module prefix from describe().idPrefix.',
  MANDATORY_FIELDS_MISSING:
    'Send every mandatory field (see describe()); update() needs the whole record, revise() only the changed fields.',
  UNKOWN_ENTITY: 'Check the relation label with relatedTypes().',
  INTERNAL_SERVER_ERROR:
    "Vtiger reports this for a double-quoted or empty ('') string in VTQL and for invalid JSON in element.",
  HTTP_401: credentialsHint,
};

function hintFor(code: string | number, status: number): { hint?: string } {
  if (code === 0) {
    return { hint: 'A record with the same unique value already exists.' };
  }
  if (status === 429) {
    return {
      hint: 'The server rate-limited the client and retries ran out; lower `concurrency` or set the `rateLimit` option.',
    };
  }
  const hint = hints[String(code)];
  return hint === undefined ? {} : { hint };
}

/**
 * Returns the hint for a session error that the client could not recover
 * from. Cloud REST has no sessions and sends HTTP Basic credentials with
 * every request, so there the credentials are wrong. On webservice.php the
 * error came back after a fresh login.
 */
export function sessionFailureHint(api: VtigerApi): string {
  return api === 'rest'
    ? `Cloud REST rejected the credentials. ${credentialsHint}`
    : 'The server rejected a fresh session too; check that the user is active and that sessions are stored on the server.';
}

/** Builds the error for a `success:false` envelope. */
export function toApiError(
  operation: string,
  status: number,
  error: { code: string | number; message: string },
  retryableCodes: ReadonlySet<string>,
): VtigerApiError {
  const code = String(error.code);
  const options = {
    operation,
    code: error.code,
    apiMessage: error.message,
    status,
    retryable:
      retryableCodes.has(code) ||
      sessionErrorCodes.has(code) ||
      status === 429 ||
      status >= 500,
    ...hintFor(error.code, status),
  };
  return authCodes.has(code)
    ? new VtigerAuthError(options)
    : new VtigerApiError(options);
}
