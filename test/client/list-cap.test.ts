import { markCap, RECORD_CAP } from '../../src/client/list-cap';

describe('markCap', () => {
  it('flags a list of RECORD_CAP records or more as capped, and a shorter one as not', () => {
    expect(RECORD_CAP).toBe(10_000);
    expect(markCap(new Array<number>(RECORD_CAP - 1).fill(0)).capped).toBe(false);
    expect(markCap(new Array<number>(RECORD_CAP).fill(0)).capped).toBe(true);
    expect(markCap([]).capped).toBe(false);
  });

  it('leaves the array an array whose flag JSON, keys and copies do not show', () => {
    const list = markCap([1, 2]);
    expect(Array.isArray(list)).toBe(true);
    expect(JSON.stringify(list)).toBe('[1,2]');
    expect(Object.keys(list)).toEqual(['0', '1']);
    expect([...list]).toEqual([1, 2]);
  });
});
