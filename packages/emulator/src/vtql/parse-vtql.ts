import type {
  VtqlCondition,
  VtqlLimit,
  VtqlOperator,
  VtqlOrderBy,
  VtqlQuery,
  VtqlValue,
} from './ast.js';
import { unescapeMysqlString } from './mysql-string.js';
import { type Token, Tokenizer } from './tokenizer.js';
import { VtqlSyntaxError } from './vtql-syntax-error.js';

const KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'ORDER',
  'BY',
  'LIMIT',
  'AND',
  'OR',
  'IN',
  'LIKE',
  'ASC',
  'DESC',
  'COUNT',
]);

const OPERATOR_NAMES: Readonly<Record<string, string>> = {
  '=': 'EQ',
  '<': 'LT',
  '>': 'GT',
  '<=': 'LTE',
  '>=': 'GTE',
  '!=': 'NE',
  '<>': 'NE',
};

const CONDITION_OPERATORS = 'EQ,LT,GT,LTE,GTE,NE,IN,LIKE';

/** How a bare word is named in an error, which depends on the parser state. */
type WordRole = 'COLUMNNAME' | 'VALUE' | 'Unknown';

class Parser {
  readonly #tokens: Tokenizer;
  #current: Token;
  #previous: Token | null = null;
  /** Set when a literal would break the SQL text; raised after parsing. */
  #brokenLiteral = false;

  constructor(text: string) {
    this.#tokens = new Tokenizer(text);
    this.#current = this.#tokens.next();
  }

  parse(): VtqlQuery {
    if (!this.#isKeyword('SELECT')) this.#fail('SELECT', 'Unknown');
    this.#advance();
    const columns = this.#parseColumns();
    this.#advance(); // FROM, checked by parseColumns
    if (this.#kind() !== 'word' || KEYWORDS.has(this.#upper())) {
      this.#fail('TABLENAME');
    }
    const module = this.#current.text;
    this.#advance();

    let where: VtqlCondition | null = null;
    if (this.#isKeyword('WHERE')) {
      this.#advance();
      where = this.#parseOr();
    }
    let orderBy: VtqlOrderBy | null = null;
    if (this.#isKeyword('ORDER')) {
      this.#advance();
      if (!this.#isKeyword('BY')) this.#fail('BY');
      this.#advance();
      orderBy = this.#parseOrderBy();
    }
    let limit: VtqlLimit | null = null;
    if (this.#isKeyword('LIMIT')) {
      this.#advance();
      limit = this.#parseLimit();
    }
    if (this.#kind() !== 'semicolon') this.#fail('SEMICOLON');
    this.#advance();
    if (this.#kind() !== 'eof') this.#fail('');
    if (this.#brokenLiteral) {
      throw new VtqlSyntaxError(
        'DATABASE_QUERY_ERROR',
        'Database error while performing requested operation',
      );
    }
    return { type: 'select', columns, module, where, orderBy, limit };
  }

  #parseColumns(): VtqlQuery['columns'] {
    if (this.#kind() === 'asterisk') {
      this.#advance();
      this.#expectFrom();
      return '*';
    }
    if (this.#isKeyword('COUNT')) {
      this.#advance();
      if (this.#kind() !== 'parenopen') this.#fail('PARENOPEN');
      this.#advance();
      if (this.#kind() !== 'asterisk') this.#fail('ASTERISK');
      this.#advance();
      if (this.#kind() !== 'parenclose') this.#fail('PARENCLOSE');
      this.#advance();
      this.#expectFrom();
      return 'count';
    }
    const fields: string[] = [];
    for (;;) {
      // Vtiger 8.4.0 names SELECT as the expected token when count(*)
      // follows another column.
      if (fields.length > 0 && this.#isKeyword('COUNT')) this.#fail('SELECT');
      if (this.#kind() !== 'word' || KEYWORDS.has(this.#upper())) {
        this.#fail('COLUMNNAME');
      }
      fields.push(this.#current.text);
      this.#advance();
      if (this.#kind() !== 'comma') break;
      this.#advance();
    }
    this.#expectFrom();
    return fields;
  }

  #expectFrom(): void {
    if (!this.#isKeyword('FROM')) this.#fail('COMMA,FROM');
  }

  #parseOr(): VtqlCondition {
    const terms = [this.#parseAnd()];
    while (this.#isKeyword('OR')) {
      this.#advance();
      terms.push(this.#parseAnd());
    }
    return terms.length === 1
      ? (terms[0] as VtqlCondition)
      : { type: 'or', conditions: terms };
  }

  #parseAnd(): VtqlCondition {
    const terms = [this.#parseCondition()];
    while (this.#isKeyword('AND')) {
      this.#advance();
      terms.push(this.#parseCondition());
    }
    return terms.length === 1
      ? (terms[0] as VtqlCondition)
      : { type: 'and', conditions: terms };
  }

  #parseCondition(): VtqlCondition {
    if (this.#kind() !== 'word' || KEYWORDS.has(this.#upper())) {
      this.#fail('COLUMNNAME');
    }
    const field = this.#current.text;
    this.#advance();

    if (this.#isKeyword('IN')) {
      this.#advance();
      if (this.#kind() !== 'parenopen') this.#fail('PARENOPEN');
      this.#advance();
      const values: VtqlValue[] = [this.#parseValue()];
      while (this.#kind() === 'comma') {
        this.#advance();
        values.push(this.#parseValue());
      }
      if (this.#kind() !== 'parenclose') this.#fail('COMMA,PARENCLOSE');
      this.#advance();
      return { type: 'in', field, values };
    }

    let operator: VtqlOperator;
    if (this.#isKeyword('LIKE')) operator = 'LIKE';
    else if (this.#kind() === 'operator') {
      operator =
        this.#current.text === '<>'
          ? '!='
          : (this.#current.text as VtqlOperator);
    } else this.#fail(CONDITION_OPERATORS, 'VALUE');
    this.#advance();
    return { type: 'comparison', field, operator, value: this.#parseValue() };
  }

  #parseValue(): VtqlValue {
    const token = this.#current;
    let value: VtqlValue;
    if (token.kind === 'string') {
      const unescaped = unescapeMysqlString(token.text);
      if (unescaped === null) this.#brokenLiteral = true;
      value = {
        kind: 'string',
        raw: token.text,
        value: unescaped ?? token.text,
      };
    } else if (token.kind === 'number') {
      value = { kind: 'number', raw: token.text, value: token.text };
    } else if (token.kind === 'word' && !KEYWORDS.has(this.#upper())) {
      // The lexer reads a bare word here as a value; MySQL then compares text.
      value = { kind: 'string', raw: token.text, value: token.text };
    } else {
      this.#fail('VALUE');
    }
    this.#advance();
    return value;
  }

  #parseOrderBy(): VtqlOrderBy {
    const fields: string[] = [];
    for (;;) {
      if (this.#kind() !== 'word' || KEYWORDS.has(this.#upper())) {
        this.#fail('COLUMNNAME');
      }
      fields.push(this.#current.text);
      this.#advance();
      if (this.#kind() !== 'comma') break;
      this.#advance();
    }
    let direction: 'ASC' | 'DESC' = 'ASC';
    if (this.#isKeyword('ASC') || this.#isKeyword('DESC')) {
      direction = this.#upper() as 'ASC' | 'DESC';
      this.#advance();
      if (!this.#isKeyword('LIMIT') && this.#kind() !== 'semicolon') {
        this.#fail('SEMICOLON');
      }
    }
    return { fields, direction };
  }

  #parseLimit(): VtqlLimit {
    const first = this.#parseCount();
    if (this.#kind() !== 'comma') return { offset: 0, count: first };
    this.#advance();
    return { offset: first, count: this.#parseCount() };
  }

  #parseCount(): number {
    const token = this.#current;
    if (token.kind !== 'number' || !/^\d+$/.test(token.text))
      this.#fail('VALUE');
    this.#advance();
    return Number(token.text);
  }

  #advance(): void {
    this.#previous = this.#current;
    this.#current = this.#tokens.next();
  }

  /** Kind of the current token; a method so TypeScript does not narrow it. */
  #kind(): Token['kind'] {
    return this.#current.kind;
  }

  #upper(): string {
    return this.#current.text.toUpperCase();
  }

  #isKeyword(keyword: string): boolean {
    return this.#kind() === 'word' && this.#upper() === keyword;
  }

  #fail(expected: string, role: WordRole = 'COLUMNNAME'): never {
    const token = this.#current;
    const line = token.line;
    let found: string;
    let shown = token.text;
    switch (token.kind) {
      case 'eof':
        found = 'End of Input(0)';
        shown = this.#previous?.text ?? '';
        break;
      case 'word': {
        const upper = token.text.toUpperCase();
        const name = KEYWORDS.has(upper) ? keywordName(upper) : role;
        found = `${name}(${token.text})`;
        break;
      }
      case 'string':
      case 'number':
        found = `VALUE(${token.text})`;
        break;
      case 'operator':
        found = `${OPERATOR_NAMES[token.text] ?? 'Unknown'}(${token.text})`;
        break;
      default:
        found = `${token.kind.toUpperCase()}(${token.text})`;
    }
    throw new VtqlSyntaxError(
      'QUERY_SYNTAX_ERROR',
      `Syntax Error on line ${line}: token '${shown}' Unexpected ${found}, expected one of: ${expected}`,
    );
  }
}

function keywordName(upper: string): string {
  return upper === 'ORDER' || upper === 'BY' ? 'ORDERBY' : upper;
}

/**
 * Parses one VTQL statement the way a Vtiger 8.4.0 server does.
 *
 * Keywords are case-insensitive and the statement must end with `;`.
 * Strings are single-quoted with `''` for a quote; their content then goes
 * through MySQL's backslash escapes. AND binds tighter than OR. Syntax the
 * server rejects (parentheses around conditions, NOT, IS NULL, BETWEEN,
 * GROUP BY, a direction per ORDER BY column) raises the server's error.
 *
 * @throws {@link VtqlSyntaxError} with the server's code and message.
 * @example
 * ```ts
 * import { parseVtql } from '@vtiger/emulator';
 *
 * const query = parseVtql("SELECT id FROM Leads WHERE city = 'Boston' LIMIT 5;");
 * query.module; //=> 'Leads'
 * query.limit; //=> { offset: 0, count: 5 }
 * ```
 */
export function parseVtql(text: string): VtqlQuery {
  return new Parser(text).parse();
}
