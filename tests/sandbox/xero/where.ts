// Xero's `where` filter (a subset of Dynamic LINQ): comparisons joined by AND/&&, OR/||, parentheses,
// literals "text", numbers, true/false/null, guid("…"), DateTime(y,m,d), and .Contains/.StartsWith/
// .EndsWith. It is evaluated against the rendered API record, so field names are exactly Xero's.
// A string literal has no escape: `\"` inside one ends it and the rest is a syntax error, as Xero answers
// `QueryParseException: Syntax error` (ErrorNumber 16) for `Name=="a\"b"` (XeroAPI/Xero-Java#347,
// waynerobinson/xeroizer#160). A backslash is an ordinary character.
import { parseXeroDate } from './format.ts';
import type { ApiObject } from './state.ts';

export class WhereError extends Error {}

export type Predicate = (record: ApiObject) => boolean;

type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'date'; value: number };

const TOKEN = /\s*(?:("[^"]*")|(==|!=|>=|<=|&&|\|\||[=<>().,!])|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_]*))/y;
const METHODS = new Set(['contains', 'startswith', 'endswith']);

function tokenize(source: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < source.length) {
    if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
    const match = TOKEN.exec(source);
    if (!match) throw new WhereError('Syntax error');
    tokens.push(match[1] ?? match[2] ?? match[3] ?? match[4] ?? '');
  }
  return tokens;
}

class Parser {
  private position = 0;
  constructor(private readonly tokens: string[]) {}

  parse(): Predicate {
    const predicate = this.orExpr();
    if (this.position < this.tokens.length) throw new WhereError(`Unexpected '${this.peek()}' in where clause`);
    return predicate;
  }

  private peek(): string | undefined {
    return this.tokens[this.position];
  }

  private next(): string {
    const token = this.tokens[this.position++];
    if (token === undefined) throw new WhereError('Unexpected end of where clause');
    return token;
  }

  private expect(token: string): void {
    const got = this.next();
    if (got.toLowerCase() !== token.toLowerCase()) throw new WhereError(`Expected '${token}' but found '${got}'`);
  }

  private orExpr(): Predicate {
    const parts = [this.andExpr()];
    while (this.peek() === '||' || this.peek()?.toUpperCase() === 'OR') {
      this.next();
      parts.push(this.andExpr());
    }
    return (record) => parts.some((part) => part(record));
  }

  private andExpr(): Predicate {
    const parts = [this.unary()];
    while (this.peek() === '&&' || this.peek()?.toUpperCase() === 'AND') {
      this.next();
      parts.push(this.unary());
    }
    return (record) => parts.every((part) => part(record));
  }

  private unary(): Predicate {
    if (this.peek() === '(') {
      this.next();
      const inner = this.orExpr();
      this.expect(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Predicate {
    const path = [this.identifier()];
    while (this.peek() === '.') {
      this.next();
      const name = this.identifier();
      if (METHODS.has(name.toLowerCase()) && this.peek() === '(') return this.method(path, name.toLowerCase());
      path.push(name);
    }
    const operator = this.peek();
    if (operator === undefined || !['==', '=', '!=', '>', '>=', '<', '<='].includes(operator)) {
      return (record) => valueAt(record, path) === true; // a bare boolean field, e.g. IsSupplier
    }
    this.next();
    const literal = this.literal();
    return (record) => compare(valueAt(record, path), operator, literal);
  }

  private method(path: string[], name: string): Predicate {
    this.expect('(');
    const literal = this.literal();
    this.expect(')');
    if (literal.kind !== 'string') throw new WhereError(`${name} expects a string argument`);
    const needle = literal.value.toLowerCase();
    return (record) => {
      const value = valueAt(record, path);
      if (typeof value !== 'string') return false;
      const hay = value.toLowerCase();
      return name === 'contains'
        ? hay.includes(needle)
        : name === 'startswith'
          ? hay.startsWith(needle)
          : hay.endsWith(needle);
    };
  }

  private identifier(): string {
    const token = this.next();
    if (!/^[A-Za-z_]/.test(token)) throw new WhereError(`Expected a field name but found '${token}'`);
    return token;
  }

  private literal(): Literal {
    const token = this.next();
    if (token.startsWith('"')) return { kind: 'string', value: token.slice(1, -1) };
    if (/^-?\d/.test(token)) return { kind: 'number', value: Number(token) };
    const word = token.toLowerCase();
    if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
    if (word === 'null') return { kind: 'null' };
    if (word === 'guid') {
      this.expect('(');
      const value = this.literal();
      this.expect(')');
      if (value.kind !== 'string') throw new WhereError('guid() expects a quoted GUID');
      return value;
    }
    if (word === 'datetime') return this.dateTime();
    throw new WhereError(`Unsupported value '${token}' in where clause`);
  }

  private dateTime(): Literal {
    this.expect('(');
    const parts: number[] = [];
    while (this.peek() !== ')') {
      const token = this.next();
      if (token === ',') continue;
      if (!/^\d+$/.test(token)) throw new WhereError(`Invalid DateTime argument '${token}'`);
      parts.push(Number(token));
    }
    this.expect(')');
    const [year, month = 1, day = 1, hour = 0, minute = 0, second = 0] = parts;
    if (year === undefined || parts.length < 3) throw new WhereError('DateTime() needs at least year, month and day');
    return { kind: 'date', value: Date.UTC(year, month - 1, day, hour, minute, second) };
  }
}

function valueAt(record: ApiObject, path: string[]): unknown {
  let current: unknown = record;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as ApiObject)[key];
  }
  return current;
}

function ordered(difference: number, operator: string): boolean {
  switch (operator) {
    case '==':
    case '=':
      return difference === 0;
    case '!=':
      return difference !== 0;
    case '>':
      return difference > 0;
    case '>=':
      return difference >= 0;
    case '<':
      return difference < 0;
    default:
      return difference <= 0;
  }
}

function compare(value: unknown, operator: string, literal: Literal): boolean {
  if (literal.kind === 'null') {
    const isNull = value === undefined || value === null;
    return operator === '!=' ? !isNull : isNull;
  }
  if (value === undefined || value === null) return operator === '!=';
  switch (literal.kind) {
    case 'string':
      // Undocumented: the fake compares strings case-insensitively.
      return ordered(String(value).toLowerCase().localeCompare(literal.value.toLowerCase()), operator);
    case 'number':
      return ordered(Number(value) - literal.value, operator);
    case 'boolean':
      return ordered(value === literal.value ? 0 : 1, operator === '!=' ? '!=' : '==');
    case 'date': {
      const ms = parseXeroDate(value);
      return ms !== undefined && ordered(ms - literal.value, operator);
    }
  }
}

/** Compiles a `where` expression; throws WhereError (→ 400 QueryParseException) when unsupported. */
export function compileWhere(source: string): Predicate {
  return new Parser(tokenize(source)).parse();
}
