import { tokenizeVtql, type VtqlToken } from './tokenize.js';

/** A VTQL SELECT split into the clauses that paging needs to change. */
export interface ParsedSelect {
  /** Source text of the select list, such as `*` or `id, lastname`. */
  selectList: string;
  /** Whether the select list is `*` or names `id`. */
  selectsId: boolean;
  /** Whether the select list is `count(*)`. */
  isCount: boolean;
  module: string;
  /** Each top-level OR term of the WHERE clause, as source text. */
  orTerms: string[];
  /** Fields named in ORDER BY, in order. */
  orderBy: string[];
  orderDirection: 'asc' | 'desc';
  limit: { offset: number; count: number } | undefined;
}

/** Error for a query that cannot be split safely. */
export class VtqlParseError extends Error {
  override name = 'VtqlParseError';
}

const isWord = (token: VtqlToken | undefined, word: string): boolean =>
  token?.kind === 'word' && token.text.toLowerCase() === word;

/**
 * Parses `SELECT … FROM Module [WHERE …] [ORDER BY …] [LIMIT …];`.
 *
 * Throws {@link VtqlParseError} for anything it cannot split with certainty:
 * parentheses around conditions (VTQL has none), text after the `;`, a
 * missing FROM, more than one statement.
 */
export function parseSelect(text: string): ParsedSelect {
  const tokens = tokenizeVtql(text);
  let position = 0;
  const peek = (): VtqlToken | undefined => tokens[position];

  if (!isWord(peek(), 'select')) {
    throw new VtqlParseError('it does not start with SELECT');
  }
  position += 1;
  const selectStart = position;
  while (position < tokens.length && !isWord(peek(), 'from')) position += 1;
  if (position === tokens.length || position === selectStart) {
    throw new VtqlParseError('it has no select list followed by FROM');
  }
  const selectTokens = tokens.slice(selectStart, position);
  const selectList = text.slice(
    selectTokens[0]!.start,
    selectTokens.at(-1)!.end,
  );
  position += 1;

  const moduleToken = peek();
  if (moduleToken?.kind !== 'word') {
    throw new VtqlParseError('FROM is not followed by a module name');
  }
  position += 1;

  let orTerms: string[] = [];
  if (isWord(peek(), 'where')) {
    position += 1;
    const whereStart = position;
    while (position < tokens.length && !endsWhere(tokens, position)) {
      position += 1;
    }
    orTerms = splitOrTerms(text, tokens.slice(whereStart, position));
  }

  let orderBy: string[] = [];
  let orderDirection: 'asc' | 'desc' = 'asc';
  if (isWord(peek(), 'order')) {
    if (!isWord(tokens[position + 1], 'by')) {
      throw new VtqlParseError('ORDER is not followed by BY');
    }
    position += 2;
    for (;;) {
      const field = peek();
      if (field?.kind !== 'word') {
        throw new VtqlParseError('ORDER BY is not followed by field names');
      }
      orderBy.push(field.text);
      position += 1;
      if (peek()?.text !== ',') break;
      position += 1;
    }
    if (isWord(peek(), 'asc') || isWord(peek(), 'desc')) {
      orderDirection = peek()!.text.toLowerCase() as 'asc' | 'desc';
      position += 1;
    }
  }

  let limit: ParsedSelect['limit'];
  if (isWord(peek(), 'limit')) {
    position += 1;
    const first = readNumber(peek());
    position += 1;
    if (peek()?.text === ',') {
      position += 1;
      limit = { offset: first, count: readNumber(peek()) };
      position += 1;
    } else {
      limit = { offset: 0, count: first };
    }
  }

  if (peek()?.text === ';') position += 1;
  if (position < tokens.length) {
    throw new VtqlParseError(
      `unexpected ${JSON.stringify(peek()!.text)} at character ${peek()!.start + 1}`,
    );
  }

  const items = splitTopLevel(selectTokens, ',');
  const itemTexts = items.map((item) =>
    item.map((token) => token.text.toLowerCase()).join(''),
  );
  return {
    selectList,
    selectsId: itemTexts.some((item) => item === '*' || item === 'id'),
    isCount: itemTexts.some((item) => item.startsWith('count(')),
    module: moduleToken.text,
    orTerms,
    orderBy,
    orderDirection,
    limit,
  };
}

function endsWhere(tokens: VtqlToken[], position: number): boolean {
  const token = tokens[position];
  if (token?.text === ';' || isWord(token, 'limit')) return true;
  return isWord(token, 'order') && isWord(tokens[position + 1], 'by');
}

function readNumber(token: VtqlToken | undefined): number {
  if (token?.kind !== 'number' || token.text.includes('.')) {
    throw new VtqlParseError('LIMIT is not followed by whole numbers');
  }
  return Number(token.text);
}

function splitTopLevel(tokens: VtqlToken[], separator: string): VtqlToken[][] {
  const parts: VtqlToken[][] = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.text === '(') depth += 1;
    if (token.text === ')') depth -= 1;
    if (depth === 0 && token.text.toLowerCase() === separator) {
      parts.push([]);
    } else {
      parts.at(-1)!.push(token);
    }
  }
  return parts;
}

/**
 * Splits a WHERE clause at each OR. AND binds tighter than OR in VTQL (MySQL
 * precedence), so `a OR b AND c` splits into `a` and `b AND c`.
 */
function splitOrTerms(text: string, tokens: VtqlToken[]): string[] {
  if (tokens.length === 0) throw new VtqlParseError('WHERE has no condition');
  for (let index = 0; index < tokens.length; index += 1) {
    const token = tokens[index]!;
    if (token.text === '(' && !isWord(tokens[index - 1], 'in')) {
      throw new VtqlParseError(
        `it has a parenthesis at character ${token.start + 1} that is not an IN list, and VTQL has no grouping parentheses`,
      );
    }
    if (token.text === ';') {
      throw new VtqlParseError('it contains more than one statement');
    }
  }
  const terms = splitTopLevel(tokens, 'or');
  return terms.map((term) => {
    if (term.length === 0) {
      throw new VtqlParseError('an OR in WHERE has no condition on one side');
    }
    if (
      term.some((token) => token.kind === 'word' && /^or$/iu.test(token.text))
    ) {
      throw new VtqlParseError('it has an OR inside an IN list');
    }
    return text.slice(term[0]!.start, term.at(-1)!.end);
  });
}
