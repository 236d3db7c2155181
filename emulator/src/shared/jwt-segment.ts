/**
 * Decodes one base64url segment of a JWT (its header or payload) as a JSON object, WITHOUT verifying anything.
 * Returns undefined when the segment is not base64url JSON of an object. The emulator's own copy: it shares no
 * code with `passport-worksection`.
 */
export function decodeJwtSegment(segment: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(segment)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: false }).decode(Buffer.from(segment, 'base64url')), dropProto);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

// A token is what a client sent: a `"__proto__"` key in it must not reach a prototype whatever reads the claims.
// A reviver costs little here (one short payload per call), unlike in the library's hot path.
function dropProto(key: string, value: unknown): unknown {
  return key === '__proto__' ? undefined : value;
}
