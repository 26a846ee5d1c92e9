import { escapeLikeText, quoteString } from '@vtiger/query-builder';

/**
 * Small VTQL text helpers for the range and page queries. VTQL has no
 * parentheses around conditions and gives AND a higher precedence than OR
 * (as MySQL does), so a bound is added to a condition by appending it to
 * every OR term.
 */

/**
 * Quotes a VTQL string literal. The server pastes values into MySQL with
 * backslash escapes active, so a backslash is doubled, and a single quote
 * is doubled as VTQL requires.
 */
export function quoteLiteral(value: string): string {
  if (value === '') {
    // The server fails with INTERNAL_SERVER_ERROR on the empty literal.
    throw new RangeError(
      "VTQL cannot compare with an empty string: the server rejects the literal `''`",
    );
  }
  return quoteString(value);
}

/**
 * Builds the LIKE pattern literal matching values that start with `prefix`.
 * `%`, `_` and `\` inside the prefix match themselves.
 */
export function prefixPattern(prefix: string): string {
  return quoteLiteral(`${escapeLikeText(prefix)}%`);
}

/**
 * Splits a VTQL condition into its top-level OR terms. Quoted literals are
 * skipped, so `OR` inside a string value does not split.
 *
 * @throws {SyntaxError} on an unterminated string literal.
 */
export function splitOrTerms(condition: string): string[] {
  const terms: string[] = [];
  let start = 0;
  let index = 0;
  const text = condition;
  while (index < text.length) {
    const char = text[index];
    if (char === "'") {
      index = skipLiteral(text, index);
      continue;
    }
    if (
      (char === 'o' || char === 'O') &&
      /^or\b/i.test(text.slice(index, index + 3)) &&
      (index === 0 || /\s|\)/.test(text[index - 1] ?? ''))
    ) {
      terms.push(text.slice(start, index).trim());
      index += 2;
      start = index;
      continue;
    }
    index += 1;
  }
  terms.push(text.slice(start).trim());
  if (terms.some((term) => term === '')) {
    throw new SyntaxError(
      `Invalid VTQL condition \`${condition}\`: an OR has no condition on one side`,
    );
  }
  return terms;
}

function skipLiteral(text: string, open: number): number {
  let index = open + 1;
  while (index < text.length) {
    const char = text[index];
    if (char === '\\') {
      index += 2;
      continue;
    }
    if (char === "'") {
      if (text[index + 1] === "'") {
        index += 2;
        continue;
      }
      return index + 1;
    }
    index += 1;
  }
  throw new SyntaxError(
    `Invalid VTQL condition \`${text}\`: a string literal is not closed`,
  );
}

/**
 * A condition in disjunctive form: a list of OR terms, each a list of
 * AND-joined parts. The empty list of terms means "every record".
 */
export type Disjunction = readonly (readonly string[])[];

/** Parses VTQL condition text into its OR terms. */
export function toDisjunction(condition: string | undefined): Disjunction {
  if (condition === undefined || condition.trim() === '') return [];
  return splitOrTerms(condition).map((term) => [term]);
}

/**
 * Combines two conditions with AND, distributing over the OR terms of both
 * (`(a OR b) AND (c OR d)` becomes `a AND c OR a AND d OR b AND c OR b AND d`).
 */
export function andDisjunctions(
  left: Disjunction,
  right: Disjunction,
): Disjunction {
  if (left.length === 0) return right;
  if (right.length === 0) return left;
  const terms: string[][] = [];
  for (const a of left) {
    for (const b of right) terms.push([...a, ...b]);
  }
  return terms;
}

/** Adds AND-joined parts (such as id bounds) to every OR term. */
export function andParts(
  condition: Disjunction,
  parts: readonly string[],
): Disjunction {
  if (parts.length === 0) return condition;
  if (condition.length === 0) return [parts];
  return condition.map((term) => [...term, ...parts]);
}

/** Renders a disjunction as VTQL condition text, or '' for "every record". */
export function renderCondition(condition: Disjunction): string {
  return condition.map((term) => term.join(' AND ')).join(' OR ');
}

/** Renders `WHERE <condition>` with a leading space, or ''. */
export function whereClause(condition: Disjunction): string {
  const text = renderCondition(condition);
  return text === '' ? '' : ` WHERE ${text}`;
}

/**
 * Returns the condition of `text`: the text itself when it is a condition,
 * or the WHERE clause when it is a whole `SELECT` query ('' when it has
 * none). Keywords inside string literals are ignored.
 */
export function extractCondition(text: string): string {
  if (!/^\s*select\b/i.test(text)) return text.trim();
  const lower = text.toLowerCase();
  let start = -1;
  let index = 0;
  while (index < text.length) {
    if (text[index] === "'") {
      index = skipLiteral(text, index);
      continue;
    }
    const atWord = index === 0 || /\s/.test(text[index - 1] ?? '');
    if (
      atWord &&
      start === -1 &&
      /^where\b/.test(lower.slice(index, index + 6))
    ) {
      start = index + 5;
    } else if (
      atWord &&
      start !== -1 &&
      (/^order\s+by\b/.test(lower.slice(index, index + 20)) ||
        /^limit\b/.test(lower.slice(index, index + 6)))
    ) {
      return text.slice(start, index).trim();
    } else if (text[index] === ';' && start !== -1) {
      return text.slice(start, index).trim();
    }
    index += 1;
  }
  return start === -1 ? '' : text.slice(start).replace(/;\s*$/, '').trim();
}
