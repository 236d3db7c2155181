import { withoutInvisible } from './invisible';

/**
 * @internal
 * Text from the provider goes into messages and from there into logs: one line (control characters, including
 * the Unicode line and paragraph separators, become spaces) without bidi or zero-width characters, of at most
 * `max` characters.
 */
export function clip(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const line = withoutInvisible(text).replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}
