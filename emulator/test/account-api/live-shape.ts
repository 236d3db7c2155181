/** A JSON value's type as the collection test compares it. */
export type JsonType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'map';

/** One key of a record: its JSON type(s), whether every record had it, and (level one only) its own keys. */
export interface KeyShape {
  types: Set<JsonType>;
  always: boolean;
  nested?: RecordShape;
}

/** The keys of a record, merged over every record of a list. */
export type RecordShape = Map<string, KeyShape>;

function typeOf(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'object') {
    // Objects keyed by ids (a project's or task's `tags`: {"105554": "inner"}) are maps: their keys are data.
    const keys = Object.keys(value);
    return keys.length > 0 && keys.every((key) => /^\d+$/.test(key)) ? 'map' : 'object';
  }
  return typeof value as JsonType;
}

/** The records a value holds: itself when an object, its object items when a list. */
function recordsOf(value: unknown): Array<Record<string, unknown>> {
  const items = Array.isArray(value) ? value : [value];
  return items.filter((item): item is Record<string, unknown> => typeOf(item) === 'object');
}

/**
 * The shape of `records`, `depth` levels deep: each key's JSON type, whether every record has it, and for
 * objects and lists of objects one more level of the same.
 */
export function recordShape(records: Array<Record<string, unknown>>, depth: number): RecordShape {
  const shape: RecordShape = new Map();
  for (const record of records) {
    for (const [key, value] of Object.entries(record)) {
      const entry = shape.get(key) ?? { types: new Set<JsonType>(), always: true };
      entry.types.add(typeOf(value));
      shape.set(key, entry);
    }
  }
  for (const [key, entry] of shape) {
    entry.always = records.every((record) => Object.hasOwn(record, key));
    if (depth > 1) {
      const inner = records.flatMap((record) => recordsOf(record[key]));
      if (inner.length > 0) entry.nested = recordShape(inner, depth - 1);
    }
  }
  return shape;
}

/** The shape of an answer's `data`: its JSON type and its records' keys, two levels deep. */
export function dataShape(data: unknown): { type: JsonType; records: RecordShape } {
  return { type: typeOf(data), records: recordShape(recordsOf(data), 2) };
}

/**
 * How `actual` differs from `expected` (the live answer): a key live has in every record that is missing, a key
 * live never sends, a value of another JSON type. A key live has in some records only may be absent.
 */
export function shapeDifferences(expected: RecordShape, actual: RecordShape, path = 'data'): string[] {
  const out: string[] = [];
  for (const [key, want] of expected) {
    const got = actual.get(key);
    if (!got) {
      if (want.always) out.push(`${path}.${key}: missing`);
      continue;
    }
    if (want.always && !got.always) out.push(`${path}.${key}: missing from some records`);
    const extra = [...got.types].filter((type) => !want.types.has(type));
    if (extra.length > 0) out.push(`${path}.${key}: ${[...got.types].join('|')}, live ${[...want.types].join('|')}`);
    if (want.nested && got.nested) out.push(...shapeDifferences(want.nested, got.nested, `${path}.${key}`));
  }
  for (const key of actual.keys()) if (!expected.has(key)) out.push(`${path}.${key}: not in the live answer`);
  return out;
}
