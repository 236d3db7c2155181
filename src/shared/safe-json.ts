/**
 * @internal
 * `JSON.parse` for answers from the network: every object comes back with a null prototype and a `"__proto__"`
 * key is dropped, so that no key of a crafted answer can reach a prototype, whatever the code reading it does
 * (`params[key] = value`, `Object.assign`, a lookup of a key the answer did not have).
 */
export function parseJson(text: string): unknown {
  return JSON.parse(text, nullPrototype);
}

function nullPrototype(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const copy = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) {
    if (key !== '__proto__') copy[key] = (value as Record<string, unknown>)[key];
  }
  return copy;
}
