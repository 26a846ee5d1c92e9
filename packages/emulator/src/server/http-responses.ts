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
 * Sends a JSON body. With `truncate`, only the first half is sent and the
 * connection closes, as when a server dies mid-response.
 */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  options: {
    headers?: Record<string, string>;
    reason?: string;
    truncate?: boolean;
  } = {},
): void {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    ...options.headers,
    'content-type': 'application/json',
  };
  if (options.truncate === true) {
    const bytes = Buffer.from(text);
    headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(bytes.subarray(0, Math.floor(bytes.length / 2)));
    return;
  }
  headers['content-length'] = Buffer.byteLength(text);
  if (options.reason === undefined) res.writeHead(status, headers);
  else res.writeHead(status, reasonPhrase(options.reason), headers);
  res.end(text);
}

/** Makes a message safe as an HTTP reason phrase (printable Latin-1, one line). */
export function reasonPhrase(message: string): string {
  return message.replace(/[^\x20-\x7e]/g, '?').slice(0, 200) || 'Bad Request';
}
