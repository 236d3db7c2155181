import { randomBytesPooled } from '../../src/shared/random-pool';

describe('randomBytesPooled', () => {
  it('gives the bytes asked for, each draw its own copy that a later draw does not change', () => {
    const first = randomBytesPooled(36);
    const kept = Buffer.from(first);
    expect(first).toHaveLength(36);
    for (let i = 0; i < 300; i++) randomBytesPooled(36);
    expect(first).toEqual(kept);
  });

  it('never hands out the same bytes twice, across refills of the pool', () => {
    const seen = new Set<string>();
    // 4096-byte pool: 2,000 draws of 24 bytes refill it a dozen times.
    for (let i = 0; i < 2000; i++) seen.add(randomBytesPooled(24).toString('hex'));
    expect(seen.size).toBe(2000);
  });
});
