import { Sealer } from '../../src/state-cookie/sealer';

describe('Sealer', () => {
  it('unseals what it sealed, and the sealed text shows nothing of it', () => {
    const sealer = new Sealer(['a-state-secret-0123456789']);
    const sealed = sealer.seal('state-1234567890');
    expect(sealed).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('state-1234567890');
    expect(sealer.unseal(sealed)).toBe('state-1234567890');
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    const sealer = new Sealer(['a-state-secret-0123456789']);
    expect(sealer.seal('x')).not.toBe(sealer.seal('x'));
  });

  it('refuses a sealed text with any byte changed, truncated or extended', () => {
    const sealer = new Sealer(['a-state-secret-0123456789']);
    const bytes = Buffer.from(sealer.seal('state-1234567890'), 'base64url');
    for (let i = 0; i < bytes.length; i++) {
      const changed = Buffer.from(bytes);
      changed[i] = (changed[i] ?? 0) ^ 1;
      expect(sealer.unseal(changed.toString('base64url'))).toBeUndefined();
    }
    expect(sealer.unseal(bytes.subarray(0, -1).toString('base64url'))).toBeUndefined();
    expect(sealer.unseal(Buffer.concat([bytes, Buffer.of(0)]).toString('base64url'))).toBeUndefined();
    expect(sealer.unseal('not base64url!')).toBeUndefined();
  });

  it('unseals with any of its secrets but seals with the first, so a secret can be rotated', () => {
    const old = new Sealer(['the-old-secret-0123456789']);
    const rotated = new Sealer(['the-new-secret-0123456789', 'the-old-secret-0123456789']);
    const fresh = new Sealer(['the-new-secret-0123456789']);
    expect(rotated.unseal(old.seal('a'))).toBe('a');
    expect(fresh.unseal(rotated.seal('b'))).toBe('b');
    expect(fresh.unseal(old.seal('c'))).toBeUndefined();
  });
});
