import type { IncomingMessage } from 'node:http';

/** Largest body read; PHP's default post_max_size is 8 MB, this is more lenient. */
export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Body too large to read. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
}

/**
 * Reads a request body as UTF-8 text. Listens for events instead of using
 * `for await`, whose async iterator costs more than the read of a body-less
 * GET. Like the iterator, it destroys the request when the body is too large.
 */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const fail = (error: Error): void => {
      if (settled) return;
      settled = true;
      reject(error);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        fail(new BodyTooLargeError(`body over ${MAX_BODY_BYTES} bytes`));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (settled) return;
      settled = true;
      if (chunks.length === 0) resolve('');
      else if (chunks.length === 1)
        resolve((chunks[0] as Buffer).toString('utf8'));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', fail);
    req.on('close', () => {
      if (!settled) fail(new Error('the request closed before its body ended'));
    });
  });
}

/**
 * Parses a body as PHP fills `$_POST`: form-encoded and multipart bodies.
 * With `acceptJson` (the REST flavour), a JSON object body is read too,
 * with nested values re-encoded as JSON. Other bodies carry no parameters.
 */
export function parseBody(
  text: string,
  contentType: string | undefined,
  acceptJson: boolean,
): URLSearchParams {
  const type = (contentType ?? '').toLowerCase();
  if (type.startsWith('multipart/form-data')) {
    const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(
      contentType ?? '',
    );
    const name = boundary?.[1] ?? boundary?.[2];
    return name === undefined
      ? new URLSearchParams()
      : parseMultipart(text, name);
  }
  if (acceptJson && type.includes('application/json'))
    return parseJsonBody(text);
  if (type === '' || type.includes('application/x-www-form-urlencoded')) {
    return new URLSearchParams(text);
  }
  return new URLSearchParams();
}

function parseJsonBody(text: string): URLSearchParams {
  const params = new URLSearchParams();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return params;
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    for (const [key, value] of Object.entries(parsed)) {
      params.set(
        key,
        typeof value === 'string' ? value : JSON.stringify(value),
      );
    }
  }
  return params;
}

/** Reads the text fields of a multipart/form-data body; file parts are skipped. */
function parseMultipart(text: string, boundary: string): URLSearchParams {
  const params = new URLSearchParams();
  for (const part of text.split(`--${boundary}`)) {
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd === -1) continue;
    const headers = part.slice(0, headerEnd);
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(
      headers,
    )?.[1];
    if (name === undefined || /\bfilename="/i.test(headers)) continue;
    params.append(name, part.slice(headerEnd + 4).replace(/\r\n$/, ''));
  }
  return params;
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
