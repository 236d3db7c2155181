import { UnsealError } from '../../src/errors/unseal-error';
import { GrantSealer } from '../../src/grants/grant-sealer';

describe('GrantSealer', () => {
  it('seals a payload into def50200 hex of the requested length and opens it again', () => {
    const sealer = new GrantSealer();
    const token = sealer.seal({ a: 1, b: ['x'] }, 1290);
    expect(token).toMatch(/^def50200[0-9a-f]+$/);
    expect(token).toHaveLength(1290);
    expect(sealer.unseal(token)).toEqual({ a: 1, b: ['x'] });
  });

  it('never shows the payload in the sealed string', () => {
    const token = new GrantSealer().seal({ user: 'henry-gardner-secret' }, 200);
    expect(token).not.toContain(Buffer.from('henry-gardner-secret').toString('hex'));
  });

  it('refuses an edited string, another key, a bad header and non-hex input', () => {
    const sealer = new GrantSealer();
    const token = sealer.seal({ a: 1 }, 200);
    const flipped = token.slice(0, 40) + (token[40] === '0' ? '1' : '0') + token.slice(41);
    for (const bad of [flipped, new GrantSealer().seal({ a: 1 }, 200), 'abc' + token.slice(3), 'def50200xyz', 'def50200', '']) {
      expect(() => sealer.unseal(bad)).toThrow(UnsealError);
    }
  });
});
