import type { VtigerEvent } from '@vtiger/core';

/**
 * Formats a client event as one log line. Only named fields are printed:
 * operation, method, status, timing and user name, never parameters,
 * headers or session ids.
 */
export function formatEvent(event: VtigerEvent): string {
  switch (event.type) {
    case 'request':
      return `-> ${event.method} ${event.operation}${event.attempt > 0 ? ` (retry ${event.attempt})` : ''}`;
    case 'response':
      return `<- ${event.operation} HTTP ${event.status} in ${Math.round(event.durationMs)} ms`;
    case 'retry':
      return `retrying ${event.operation} (attempt ${event.attempt}): ${event.reason}`;
    case 'login':
      return `logged in as ${event.username} (user ${event.userId}, ${event.sessions} session${event.sessions === 1 ? '' : 's'})`;
    case 'relogin':
      return `session ended with ${event.code} during ${event.operation}; logging in again`;
    case 'logout':
      return `logged out (${event.sessions} session${event.sessions === 1 ? '' : 's'})`;
    default:
      return `event ${(event as { type: string }).type}`;
  }
}
