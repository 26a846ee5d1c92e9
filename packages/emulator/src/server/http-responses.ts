import type { ServerResponse } from 'node:http';

/** Apache's page for a request line over its limit. */
const URI_TOO_LONG_PAGE = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>414 Request-URI Too Long</title>
</head><body>
<h1>Request-URI Too Long</h1>
<p>The requested URL's length exceeds the capacity
limit for this server.<br />
</p>
</body></html>
`;

const NOT_FOUND_PAGE = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">
<html><head>
<title>404 Not Found</title>
</head><body>
<h1>Not Found</h1>
<p>The requested URL was not found on this server.</p>
</body></html>
`;

/** Sends an HTML page with a status. */
export function sendHtml(
  res: ServerResponse,
  status: 404 | 414,
  extraHeaders: Record<string, string> = {},
): void {
  const page = status === 414 ? URI_TOO_LONG_PAGE : NOT_FOUND_PAGE;
  res.writeHead(status, {
    ...extraHeaders,
    'content-type': 'text/html; charset=iso-8859-1',
    'content-length': Buffer.byteLength(page),
  });
  res.end(page);
}

/** Sends a PHP fatal error: HTTP 500, empty body. */
export function sendPhpFatal(
  res: ServerResponse,
  extraHeaders: Record<string, string> = {},
): void {
  res.writeHead(500, {
    ...extraHeaders,
    'content-type': 'text/html; charset=UTF-8',
    'content-length': 0,
  });
  res.end();
}

/**
 * Sends a JSON body, encoded by `encodeJson()`. With `truncate`, only the
 * first half is sent and the connection closes, as when a server dies
 * mid-response.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  bytes: Buffer,
  options: {
    headers?: Record<string, string>;
    reason?: string;
    truncate?: boolean;
  } = {},
): void {
  const headers: Record<string, string | number> = {
    ...options.headers,
    'content-type': 'application/json',
  };
  if (options.truncate === true) {
    headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(bytes.subarray(0, Math.floor(bytes.length / 2)));
    return;
  }
  headers['content-length'] = bytes.length;
  if (options.reason === undefined) res.writeHead(status, headers);
  else res.writeHead(status, reasonPhrase(options.reason), headers);
  res.end(bytes);
}

/**
 * Scratch space that grows to the largest body encoded so far. Bodies are
 * copied out of it.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);

/**
 * Returns the UTF-8 bytes of `JSON.stringify(body)`, encoded once (the
 * length and the socket write share them). A `{ success, result: [...] }`
 * body is stringified per element: V8 builds a whole result in UTF-16 once
 * one value needs it (a name like `Łukasz`), while most rows alone stay
 * one-byte strings, which stringify and encode faster. The bytes are the same.
 */
export function encodeJson(body: unknown): Buffer {
  if (!isResultList(body)) return Buffer.from(JSON.stringify(body));
  const head = `{"success":${JSON.stringify(body.success)},"result":[`;
  const texts: string[] = [];
  // UTF-8 needs at most 3 bytes per UTF-16 code unit.
  let bound = head.length + 2 + body.result.length;
  for (const element of body.result) {
    // An array element JSON cannot show (undefined, a function) is null.
    const text = JSON.stringify(element) ?? 'null';
    texts.push(text);
    bound += text.length;
  }
  bound *= 3;
  if (scratch.length < bound) scratch = Buffer.allocUnsafe(bound);
  let at = scratch.write(head, 0, 'latin1');
  for (let i = 0; i < texts.length; i++) {
    if (i > 0) at = scratch.writeUInt8(0x2c, at); // ,
    at += scratch.write(texts[i] as string, at, 'utf8');
  }
  at = scratch.writeUInt8(0x5d, at); // ]
  at = scratch.writeUInt8(0x7d, at); // }
  return Buffer.from(scratch.subarray(0, at));
}

function isResultList(
  body: unknown,
): body is { success: boolean; result: unknown[] } {
  if (typeof body !== 'object' || body === null) return false;
  const keys = Object.keys(body);
  return (
    keys.length === 2 &&
    keys[0] === 'success' &&
    keys[1] === 'result' &&
    typeof (body as { success: unknown }).success === 'boolean' &&
    Array.isArray((body as { result: unknown }).result) &&
    !('toJSON' in body)
  );
}

/** Makes a message safe as an HTTP reason phrase (printable Latin-1, one line). */
export function reasonPhrase(message: string): string {
  return message.replace(/[^\x20-\x7e]/g, '?').slice(0, 200) || 'Bad Request';
}
