import { fieldInvalid } from './api-refusals';
import { parseDayParam } from './dates';

/** The kind of a field the filter language can test. */
export type FilterFieldType = 'int' | 'string' | 'date';

/** A record's value of a filter field: numbers for `int`, `YYYY-MM-DD` for `date`. */
export type FilterValue = number | string;

type Token = { kind: 'word' | 'op' | 'num' | 'str' | 'punct'; text: string };
type Predicate<T> = (record: T) => boolean;

const MAX_LENGTH = 2000;
const MAX_DEPTH = 20;

/**
 * Compiles Worksection's filter language (`search_tasks`, `get_costs`): comparisons `field = 1`, `name has 'x'`,
 * `dateadd > '01.02.2024'`, `project in (1, 2)`, combined with lowercase `and` / `or` and parentheses. Dates are
 * `DD.MM.YYYY`. Anything it cannot read is refused as field `filter`, saying where.
 */
export function compileFilter<T>(
  text: string,
  fields: ReadonlyMap<string, FilterFieldType>,
  valueOf: (record: T, field: string) => FilterValue | undefined,
): Predicate<T> {
  if (text.length > MAX_LENGTH) throw fieldInvalid('filter', `longer than ${MAX_LENGTH} characters`);
  const tokens = tokenize(text);
  let pos = 0;
  const peek = () => tokens[pos];
  const take = () => {
    const token = tokens[pos++];
    if (!token) throw fieldInvalid('filter', 'unexpected end');
    return token;
  };
  const expect = (text: string) => {
    const token = take();
    if (token.text !== text) throw fieldInvalid('filter', `expected "${text}" but found "${token.text}"`);
  };

  function expr(depth: number): Predicate<T> {
    if (depth > MAX_DEPTH) throw fieldInvalid('filter', 'nested too deeply');
    let left = term(depth);
    while (peek()?.text === 'or') {
      pos++;
      const [a, b] = [left, term(depth)];
      left = (r) => a(r) || b(r);
    }
    return left;
  }
  function term(depth: number): Predicate<T> {
    let left = factor(depth);
    while (peek()?.text === 'and') {
      pos++;
      const [a, b] = [left, factor(depth)];
      left = (r) => a(r) && b(r);
    }
    return left;
  }
  function factor(depth: number): Predicate<T> {
    if (peek()?.text === '(') {
      pos++;
      const inner = expr(depth + 1);
      expect(')');
      return inner;
    }
    const field = take();
    const type = field.kind === 'word' ? fields.get(field.text) : undefined;
    if (type === undefined) throw fieldInvalid('filter', `unknown field "${field.text.slice(0, 40)}"`);
    const op = take();
    if (op.text === 'in') {
      expect('(');
      const wanted = [literal(take(), type)];
      while (peek()?.text === ',') {
        pos++;
        wanted.push(literal(take(), type));
      }
      expect(')');
      return (r) => {
        const value = valueOf(r, field.text);
        return value !== undefined && wanted.includes(value);
      };
    }
    const right = literal(take(), type);
    return comparison(field.text, op.text, type, right);
  }
  function comparison(field: string, op: string, type: FilterFieldType, right: FilterValue): Predicate<T> {
    if (op === 'has') {
      if (type !== 'string') throw fieldInvalid('filter', `"has" needs a text field, not ${field}`);
      const needle = String(right).toLowerCase();
      return (r) =>
        String(valueOf(r, field) ?? '')
          .toLowerCase()
          .includes(needle);
    }
    const compare = (a: FilterValue, b: FilterValue) => (a < b ? -1 : a > b ? 1 : 0);
    const tests: Record<string, (c: number) => boolean> = {
      '=': (c) => c === 0,
      '!=': (c) => c !== 0,
      '<': (c) => c < 0,
      '>': (c) => c > 0,
      '<=': (c) => c <= 0,
      '>=': (c) => c >= 0,
    };
    const test = Object.hasOwn(tests, op) ? tests[op] : undefined;
    if (!test) throw fieldInvalid('filter', `unknown operator "${op.slice(0, 10)}"`);
    return (r) => {
      const value = valueOf(r, field);
      return value !== undefined && value !== '' && test(compare(value, right));
    };
  }

  const predicate = expr(0);
  if (pos !== tokens.length) throw fieldInvalid('filter', `unexpected "${tokens[pos]?.text.slice(0, 40) ?? ''}"`);
  return predicate;
}

function literal(token: Token, type: FilterFieldType): FilterValue {
  if (type === 'int') {
    if (token.kind !== 'num') throw fieldInvalid('filter', `expected a number, found "${token.text.slice(0, 40)}"`);
    return Number(token.text);
  }
  if (token.kind !== 'str' && token.kind !== 'num')
    throw fieldInvalid('filter', `expected a quoted value, found "${token.text.slice(0, 40)}"`);
  return type === 'date' ? parseDayParam('filter', token.text) : token.text;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|(\d{1,15})|([A-Za-z_]+)|('(?:[^']*)'|"(?:[^"]*)")|(!=|<=|>=|=|<|>)|([(),])/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const m = pattern.exec(text);
    if (!m) throw fieldInvalid('filter', `cannot read "${text.slice(at, at + 20)}"`);
    at = pattern.lastIndex;
    if (m[1] !== undefined) tokens.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) tokens.push({ kind: 'word', text: m[2] });
    else if (m[3] !== undefined) tokens.push({ kind: 'str', text: m[3].slice(1, -1) });
    else if (m[4] !== undefined) tokens.push({ kind: 'op', text: m[4] });
    else if (m[5] !== undefined) tokens.push({ kind: 'punct', text: m[5] });
  }
  return tokens;
}
