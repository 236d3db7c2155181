import { parseJson } from './safe-json';

/** Answers up to this many characters are parsed in one go: 1 MiB parses in a few milliseconds. */
export const COOPERATIVE_THRESHOLD = 1024 * 1024;
/** A container this large is not handed to `JSON.parse` whole, but member by member. */
const PIECE = 256 * 1024;
/** Longest run of parsing before the event loop gets a turn, in milliseconds. */
const SLICE_MS = 10;

/**
 * @internal
 * {@link parseJson} for large texts without blocking the event loop for long: containers larger than 256 KiB are
 * walked member by member (each smaller member parsed by `JSON.parse`, then copied without prototypes), and the
 * event loop gets a turn every 10 ms. Worksection answers every list whole (up to 10,000 records, tens of MiB with
 * `extra=text,comments`), and one `JSON.parse` of 60 MiB holds the event loop over a second. Same result as
 * {@link parseJson} (null prototypes, `"__proto__"` keys dropped, the last of duplicate keys); rejects with a
 * `SyntaxError` for text that is not JSON.
 */
export async function parseJsonCooperatively(text: string): Promise<unknown> {
  if (text.length <= COOPERATIVE_THRESHOLD) return parseJson(text);
  const parser = new Parser(text);
  const value = await parser.value();
  parser.skipSpace();
  if (parser.at !== text.length) throw new SyntaxError(`Unexpected text at position ${parser.at}`);
  return value;
}

class Parser {
  at = 0;
  private sliceStart = performance.now();

  constructor(private readonly text: string) {}

  async value(): Promise<unknown> {
    this.skipSpace();
    const start = this.at;
    const first = this.text.charCodeAt(start);
    // Scanned no further than PIECE: a container that has not ended by then is walked member by member.
    const end = valueEnd(this.text, start, start + PIECE);
    if (end === -1) return first === OPEN_BRACE ? this.object() : this.array();
    this.at = end;
    const parsed = parseJson(this.text.slice(start, end));
    await this.maybeYield();
    return parsed;
  }

  skipSpace(): void {
    while (isSpace(this.text.charCodeAt(this.at))) this.at++;
  }

  private async object(): Promise<Record<string, unknown>> {
    const result = Object.create(null) as Record<string, unknown>;
    this.at++;
    this.skipSpace();
    if (this.take(CLOSE_BRACE)) return result;
    for (;;) {
      this.skipSpace();
      if (this.text.charCodeAt(this.at) !== QUOTE) throw this.unexpected();
      const keyEnd = stringEnd(this.text, this.at) + 1;
      const key = JSON.parse(this.text.slice(this.at, keyEnd)) as string;
      this.at = keyEnd;
      this.skipSpace();
      if (!this.take(COLON)) throw this.unexpected();
      const member = await this.value();
      if (key !== '__proto__') result[key] = member;
      this.skipSpace();
      if (this.take(CLOSE_BRACE)) return result;
      if (!this.take(COMMA)) throw this.unexpected();
    }
  }

  private async array(): Promise<unknown[]> {
    const result: unknown[] = [];
    this.at++;
    this.skipSpace();
    if (this.take(CLOSE_BRACKET)) return result;
    for (;;) {
      result.push(await this.value());
      this.skipSpace();
      if (this.take(CLOSE_BRACKET)) return result;
      if (!this.take(COMMA)) throw this.unexpected();
    }
  }

  private take(code: number): boolean {
    if (this.text.charCodeAt(this.at) !== code) return false;
    this.at++;
    return true;
  }

  private unexpected(): SyntaxError {
    return new SyntaxError(`Unexpected token at position ${this.at}`);
  }

  private async maybeYield(): Promise<void> {
    if (performance.now() - this.sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/** The index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at === -1) throw new SyntaxError('Unterminated string in JSON');
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

/**
 * The index just past the JSON value starting at `start` (its syntax is left for `JSON.parse` to check), or -1 for
 * a container still open at `limit`.
 */
function valueEnd(text: string, start: number, limit: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    if (at > limit && depth > 0) return -1;
    const code = text.charCodeAt(at);
    if (code === QUOTE) {
      at = stringEnd(text, at);
      if (depth === 0) return at + 1;
    } else if (code === OPEN_BRACE || code === OPEN_BRACKET) depth++;
    else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth--;
      if (depth === 0) return at + 1;
      if (depth < 0) return at;
    } else if (depth === 0 && (code === COMMA || isSpace(code))) return at;
  }
  if (depth !== 0) throw new SyntaxError('Unexpected end of JSON input');
  return text.length;
}
