const placeholder = '[REDACTED]';

const secretParameterPatterns: readonly RegExp[] = [
  /((?:sessionName|accessKey|PHPSESSID)=)[^&\s"'<>]+/giu,
  /("(?:sessionName|accessKey|token)"\s*:\s*")[^"]*/giu,
  /(authorization:?\s*(?:basic|bearer)\s+)[\w+/=.-]+/giu,
];

/**
 * Removes secrets from text before it reaches an error, an event or a log:
 * every registered secret (access key, md5 digest, session id, Basic
 * credential) and any `sessionName=`, `accessKey=` or Authorization value.
 */
export class Redactor {
  readonly #secrets = new Set<string>();

  /** Registers a value that must never appear in output. */
  add(secret: string | undefined): void {
    if (secret !== undefined && secret.length >= 4) this.#secrets.add(secret);
  }

  /** Returns `text` with every secret replaced by `[REDACTED]`. */
  redact(text: string): string {
    let result = text;
    for (const secret of this.#secrets) {
      result = result.replaceAll(secret, placeholder);
    }
    for (const pattern of secretParameterPatterns) {
      result = result.replace(pattern, `$1${placeholder}`);
    }
    return result;
  }

  /** Returns the start of a body, redacted, for error messages. */
  excerpt(body: string, length = 200): string {
    return this.redact(body).slice(0, length);
  }
}
