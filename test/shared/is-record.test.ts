import { isRecord } from '../../src/shared/is-record';

describe('isRecord', () => {
  it('is true for objects (null-prototype ones too), false for null, arrays and primitives', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord(Object.create(null))).toBe(true);
    for (const value of [null, undefined, [], 'x', 1]) expect(isRecord(value)).toBe(false);
  });
});
