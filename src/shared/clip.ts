/**
 * Characters that change how text reads without showing: the bidi controls (an RLO turns "gpj.exe" into what reads
 * as "exe.jpg") and the zero-width ones (which hide a word inside another, or split a secret so it is not found).
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/**
 * @internal
 * Text from the provider goes into messages and from there into logs: one line (control characters, including
 * the Unicode line and paragraph separators, become spaces) without bidi or zero-width characters, of at most
 * `max` characters.
 */
export function clip(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const line = text.replace(INVISIBLE, '').replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
