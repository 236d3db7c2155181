import { parseJson } from '../../src/shared/safe-json';

describe('parseJson', () => {
  it('gives every object a null prototype and drops "__proto__" keys, also spelled with escapes', () => {
    const value = parseJson('{"a":{"b":1},"__proto__":{"polluted":true},"\\u005f_proto__":{"x":1},"list":[{"c":2}]}') as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.getPrototypeOf(value.a)).toBeNull();
    expect(Object.getPrototypeOf((value.list as object[])[0])).toBeNull();
    expect(Object.keys(value)).toEqual(['a', 'list']);
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('parses arrays, strings and numbers as JSON.parse does, and throws on what is not JSON', () => {
    expect(parseJson('[1,"a",null]')).toEqual([1, 'a', null]);
    expect(() => parseJson('{')).toThrow(SyntaxError);
  });
});
