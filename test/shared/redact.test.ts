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

  describe('a secret cut short', () => {
    const CLIENT_SECRET = 'Zq7vK2mNp4Rt8sWx1yBc6dFg';

    it('blanks a 16-character prefix of the client secret echoed back', () => {
      const echoed = `invalid client_secret "${CLIENT_SECRET.slice(0, 16)}"`;
      expect(redact(echoed, [CLIENT_SECRET])).toBe('invalid client_secret "[redacted]"');
    });

    it('blanks a truncation at either end, a middle part and another letter case, from 8 characters on', () => {
      for (const fragment of [
        CLIENT_SECRET.slice(0, 8),
        CLIENT_SECRET.slice(-9),
        CLIENT_SECRET.slice(5, 17),
        CLIENT_SECRET.slice(0, 12).toLowerCase(),
      ]) {
        expect(redact(`got ${fragment}… instead`, [CLIENT_SECRET])).toBe('got [redacted]… instead');
      }
    });

    it('leaves a fragment of 7 characters alone: as short as a word, and shared with words by chance', () => {
      expect(redact(`got ${CLIENT_SECRET.slice(0, 7)} instead`, [CLIENT_SECRET])).toBe(`got ${CLIENT_SECRET.slice(0, 7)} instead`);
      expect(redact('Authorization code has been revoked', ['q9revoked3Lm8Tz'])).toBe('Authorization code has been revoked');
    });
  });
});
