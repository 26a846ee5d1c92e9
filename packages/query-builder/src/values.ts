import { QueryBuildError } from './errors.js';
import { describe } from './identifier.js';
import { node, type ScalarValueNode } from './nodes.js';
import { formatDate, isDateValue, type DateValue } from './dates.js';

/** A value the builder can render: see {@link renderValue} for each type. */
export type VtqlScalar = string | number | bigint | boolean | Date | DateValue;

const loneSurrogate =
  /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Quotes `value` as a VTQL string literal.
 *
 * webservice.php passes the query text to the lexer unchanged: it adds
 * slashes to each parameter and strips them again (`vtws_getParameter`,
 * then `OperationManager::handleType`, in Vtiger's source). The lexer reads
 * a literal as `'(?:[^']|'')+'` and pastes it, quotes included, into MySQL
 * with backslash escapes active. So a quote is
 * doubled, because the VTQL lexer and MySQL both read `''` as one quote. A
 * backslash is doubled too, because MySQL reads `\\` as one backslash and a
 * single one would start an escape such as `\n` or `\'`. Nothing else is
 * special: newlines, tabs and non-ASCII text pass through unchanged.
 *
 * @example
 * ```ts
 * import { quoteString } from '@vtiger/query-builder';
 *
 * quoteString("O'Neil"); // VTQL text: 'O''Neil'
 * quoteString('C:\\tmp'); // VTQL text: 'C:\\tmp'
 * ```
 */
export function quoteString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * Escapes text so that a LIKE pattern matches it literally.
 *
 * MySQL's LIKE uses `\` as its escape character, so `%` becomes `\%`, `_`
 * becomes `\_` and `\` becomes `\\`. The pattern is then quoted by
 * {@link quoteString}, which doubles each backslash again: a literal `%` in
 * the user's text is sent as `\\%`, which MySQL's string parser turns into
 * `\%`, which LIKE reads as a literal `%`. (MySQL would also keep a lone
 * `\%` in a string literal as `\%`, but doubling every backslash is the rule
 * that stays correct for every character.)
 *
 * @example
 * ```ts
 * import { escapeLikeText, quoteString } from '@vtiger/query-builder';
 *
 * quoteString(`${escapeLikeText('50%_off')}%`); // VTQL text: '50\\%\\_off%'
 * ```
 */
export function escapeLikeText(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * Checks a string value and returns its node. `context` names the
 * construct in errors, e.g. `where city =`.
 */
export function parseStringValue(
  value: string,
  context: string,
): ScalarValueNode {
  if (value === '') {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `${context} '': the empty string cannot be sent, because the server ` +
        `fails on the literal '' (INTERNAL_SERVER_ERROR) and no query can ` +
        `match an empty value. Filter empty values on the client instead.`,
    );
  }
  if (value.includes('\0')) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `${context} ${describe(value)}: the value contains a NUL character ` +
        `(U+0000), which the server cannot store or compare. Remove it.`,
    );
  }
  if (loneSurrogate.test(value)) {
    throw new QueryBuildError(
      'INVALID_VALUE',
      `${context} ${describe(value)}: the value contains a lone UTF-16 ` +
        `surrogate, which has no UTF-8 form and would be sent as U+FFFD. ` +
        `Repair the string (String.prototype.toWellFormed) first.`,
    );
  }
  return node({ kind: 'string', value });
}

/**
 * Turns one user value into a node:
 * - string: a quoted literal (empty, NUL and lone surrogates rejected);
 * - safe integer or bigint: bare, e.g. `42`, `-7`;
 * - other finite number: quoted, e.g. `'12.5'`, because the server's lexer
 *   reads only digits bare and fails on a decimal point (MySQL converts the
 *   string back to a number when comparing with a numeric column);
 * - boolean: `1` or `0`, as Vtiger stores checkboxes;
 * - Date: `'YYYY-MM-DD'` when the time is exactly midnight UTC, otherwise
 *   `'YYYY-MM-DD HH:MM:SS'` in UTC (see {@link asDate} and
 *   {@link asDateTime} to choose the form or the time zone).
 */
export function parseScalarValue(
  value: unknown,
  context: string,
): ScalarValueNode {
  switch (typeof value) {
    case 'string':
      return parseStringValue(value, context);
    case 'bigint':
      return node({ kind: 'integer', text: value.toString() });
    case 'boolean':
      return node({ kind: 'integer', text: value ? '1' : '0' });
    case 'number':
      if (!Number.isFinite(value)) {
        throw new QueryBuildError(
          'INVALID_VALUE',
          `${context} ${String(value)}: NaN and Infinity have no VTQL form. ` +
            `Pass a finite number.`,
        );
      }
      if (Number.isSafeInteger(value)) {
        return node({ kind: 'integer', text: String(value) });
      }
      return node({ kind: 'string', value: String(value) });
    case 'undefined':
      throw nullError(context, 'undefined');
    case 'object':
      if (value === null) throw nullError(context, 'null');
      if (value instanceof Date) {
        return node({ kind: 'string', value: formatDate(value, context) });
      }
      if (isDateValue(value))
        return node({ kind: 'string', value: value.text });
      break;
    default:
      break;
  }
  throw new QueryBuildError(
    'INVALID_VALUE',
    `${context} ${describe(value)}: expected a string, number, bigint, ` +
      `boolean or Date.` +
      (Array.isArray(value) ? ` Use the 'in' operator for a list.` : ''),
  );
}

function nullError(context: string, what: string): QueryBuildError {
  return new QueryBuildError(
    'INVALID_VALUE',
    `${context} ${what}: VTQL has no IS NULL and no NULL literal, so a ` +
      `missing value cannot be compared. Filter on the client, or compare ` +
      `with a real value.`,
  );
}
