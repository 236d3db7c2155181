import { parseJson } from './safe-json';

/**
 * @internal
 * Decodes one base64url segment of a JWT (its header or payload) as a JSON object, WITHOUT verifying anything.
 * Returns undefined when the segment is not base64url JSON of an object.
 */
export function decodeJwtSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  let value: unknown;
  try {
    value = parseJson(new TextDecoder('utf-8', { fatal: false }).decode(Buffer.from(segment, 'base64url')));
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
