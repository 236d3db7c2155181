/**
 * Characters a log line must not carry: the controls (`\p{Cc}`: C0 with newline and ESC, DEL, C1), the Unicode
 * line and paragraph separators, and the bidirectional overrides. Provider text (Worksection's error messages
 * and descriptions) reaches log lines through error messages; with these, a response could start a forged log
 * line, recolour or clear a terminal (ANSI escapes), or make a line read differently from what it holds.
 */
const UNSAFE = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** `text` with every {@link UNSAFE} character replaced by a space: one line, shown as written. */
export function safeLogLine(text: string): string {
  return text.replace(UNSAFE, ' ');
}
