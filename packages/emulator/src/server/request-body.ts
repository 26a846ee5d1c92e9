import type { IncomingMessage } from 'node:http';

/** Largest body read; PHP's default post_max_size is 8 MB, this is more lenient. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Body too large to read. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/** Reads a request body as UTF-8 text. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES)
      throw new BodyTooLargeError(`body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Parses a body as PHP fills `$_POST`: form-encoded bodies only. JSON
 * objects are accepted too (REST), with nested values re-encoded as JSON.
 */
export function parseBody(
  text: string,
  contentType: string | undefined,
): URLSearchParams {
  const type = (contentType ?? '').toLowerCase();
  if (type.includes('application/json')) {
    const params = new URLSearchParams();
    try {
      const parsed: unknown = JSON.parse(text);
      if (
        parsed !== null &&
        typeof parsed === 'object' &&
        !Array.isArray(parsed)
      ) {
        for (const [key, value] of Object.entries(parsed)) {
          params.set(
            key,
            typeof value === 'string' ? value : JSON.stringify(value),
          );
        }
      }
    } catch {
      // An unreadable JSON body carries no parameters.
    }
    return params;
  }
  if (type === '' || type.includes('application/x-www-form-urlencoded')) {
    return new URLSearchParams(text);
  }
  return new URLSearchParams();
}

/** Reads one cookie from a Cookie header. */
export function readCookie(
  header: string | undefined,
  name: string,
): string | undefined {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
