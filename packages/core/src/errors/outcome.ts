import { specFor } from '../operations.js';

/**
 * Returns the message sentence for a request whose outcome is unknown. Only
 * a write (an operation that is not idempotent, such as create or delete)
 * gets one, with the advice to check before sending it again, because
 * sending a read again is harmless.
 */
export function outcomeSentence(
  operation: string,
  outcomeUnknown: boolean,
  idempotent: boolean | undefined,
): string {
  if (!outcomeUnknown) return '';
  if (idempotent ?? specFor(operation).idempotent) return '';
  return ` The ${operation} may have been applied on the server, so check with retrieve() or a query before sending it again.`;
}

/** Sentence for a request that did not reach the server. */
export const notSentSentence =
  ' The request did not reach the server, so the server did not run it.';
