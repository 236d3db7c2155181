import { clip } from '../../src/shared/clip';

describe('clip', () => {
  it('turns every control character, ESC and the Unicode line separators into spaces, keeping one line', () => {
    expect(clip('a\r\nb\tc\u001b[31md\u2028e\u2029f\u0085g', 100)).toBe('a b c [31md e f g');
  });

  it('drops the bidi controls and zero-width characters that would make the text read other than it is', () => {
    const hostile = 'invoice\u202Egpj.exe\u2066x\u2069 \u200Bpay\u200D\u2060me\uFEFF \u061C\u200E\u200Fok\u202A\u202B\u202C\u202D';
    expect(clip(hostile, 100)).toBe('invoicegpj.exex payme ok');
  });

  it('cuts text longer than the limit, marking the cut', () => {
    expect(clip('abcdef', 3)).toBe('abc…');
    expect(clip('abc', 3)).toBe('abc');
  });
});
