import { redact } from '../../src/shared/redact';

const SECRET = 'cs-QXMARKERQX-5d1c0b9e';

describe('redact', () => {
  it('blanks a secret as sent, URL-encoded, in another letter case and in hex', () => {
    for (const form of [SECRET, encodeURIComponent(`${SECRET} x`), SECRET.toUpperCase(), Buffer.from(SECRET).toString('hex')]) {
      expect(redact(`before ${form} after`, [SECRET])).not.toMatch(/QXMARKERQX|515834d41524b4552/i);
    }
  });

  it('blanks a secret base64-encoded at each of the three alignments inside a longer text', () => {
    for (const prefix of ['', 'x', 'xy']) {
      const encoded = Buffer.from(`${prefix}client_secret=${SECRET}&code=1`).toString('base64');
      expect(redact(encoded, [SECRET])).toContain('[redacted]');
      expect(redact(encoded.replace(/\+/g, '-').replace(/\//g, '_'), [SECRET])).toContain('[redacted]');
    }
  });

  it('blanks any run of 40 token-like characters, and leaves ordinary words and short values alone', () => {
    expect(redact(`token ${'a'.repeat(40)} end`, [])).toBe('token [redacted] end');
    expect(redact('Authorization code has been revoked', ['abc', 'code'])).toBe('Authorization code has been revoked');
  });
});
