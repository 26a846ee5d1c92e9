import { UNKNOWN_ERROR_MESSAGE, VtqlSyntaxError } from './vtql-syntax-error.js';

/** Kinds of VTQL tokens. */
export type TokenKind =
  | 'word'
  | 'string'
  | 'number'
  | 'operator'
  | 'comma'
  | 'semicolon'
  | 'asterisk'
  | 'parenopen'
  | 'parenclose'
  | 'eof';

/** One lexical token with its source text and line. */
export interface Token {
  readonly kind: TokenKind;
  /** Source text; for strings, the content between the quotes. */
  readonly text: string;
  readonly line: number;
}

const WORD_START = /[A-Za-z_]/;
const WORD_PART = /[A-Za-z0-9_]/;
const DIGIT = /[0-9]/;

/**
 * Reads VTQL tokens one at a time, as the server's lexer does, so a
 * grammar error before a bad literal wins over the literal's error.
 */
export class Tokenizer {
  #position = 0;
  #line = 1;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  /** Reads the next token; throws {@link VtqlSyntaxError} on unreadable input. */
  next(): Token {
    this.#skipWhitespace();
    const text = this.#text;
    const start = this.#position;
    const line = this.#line;
    if (start >= text.length) return { kind: 'eof', text: '', line };
    const char = text[start] as string;

    if (WORD_START.test(char)) {
      let end = start + 1;
      while (end < text.length && WORD_PART.test(text[end] as string)) end++;
      this.#position = end;
      return { kind: 'word', text: text.slice(start, end), line };
    }
    if (
      DIGIT.test(char) ||
      (char === '-' && DIGIT.test(text[start + 1] ?? ''))
    ) {
      return this.#readNumber(start, line);
    }
    if (char === "'") return this.#readString(start, line);
    if (char === '"') throw unreadable();

    const single: Partial<Record<string, TokenKind>> = {
      ',': 'comma',
      ';': 'semicolon',
      '*': 'asterisk',
      '(': 'parenopen',
      ')': 'parenclose',
    };
    const kind = single[char];
    if (kind !== undefined) {
      this.#position = start + 1;
      return { kind, text: char, line };
    }
    for (const operator of ['<=', '>=', '!=', '<>', '=', '<', '>']) {
      if (text.startsWith(operator, start)) {
        this.#position = start + operator.length;
        return { kind: 'operator', text: operator, line };
      }
    }
    throw unreadable();
  }

  #skipWhitespace(): void {
    const text = this.#text;
    while (this.#position < text.length) {
      const char = text[this.#position];
      if (char === '\n') this.#line++;
      else if (char !== ' ' && char !== '\t' && char !== '\r') return;
      this.#position++;
    }
  }

  #readNumber(start: number, line: number): Token {
    const text = this.#text;
    let end = start + 1;
    while (end < text.length && DIGIT.test(text[end] as string)) end++;
    if (text[end] === '.' && DIGIT.test(text[end + 1] ?? '')) {
      end += 2;
      while (end < text.length && DIGIT.test(text[end] as string)) end++;
    }
    // A number glued to letters (10x5) is one bare word to the lexer.
    if (end < text.length && WORD_START.test(text[end] as string)) {
      while (end < text.length && WORD_PART.test(text[end] as string)) end++;
      this.#position = end;
      return { kind: 'word', text: text.slice(start, end), line };
    }
    this.#position = end;
    return { kind: 'number', text: text.slice(start, end), line };
  }

  #readString(start: number, line: number): Token {
    const text = this.#text;
    // The server's lexer has no rule for the empty literal ''.
    if (text[start + 1] === "'" && text[start + 2] !== "'") throw unreadable();
    let index = start + 1;
    let content = '';
    for (;;) {
      if (index >= text.length) throw unreadable();
      const char = text[index] as string;
      if (char === "'") {
        if (text[index + 1] === "'") {
          content += "'";
          index += 2;
          continue;
        }
        break;
      }
      if (char === '\n') this.#line++;
      content += char;
      index++;
    }
    this.#position = index + 1;
    return { kind: 'string', text: content, line };
  }
}

function unreadable(): VtqlSyntaxError {
  return new VtqlSyntaxError('INTERNAL_SERVER_ERROR', UNKNOWN_ERROR_MESSAGE);
}
