import { clip } from '../../src/shared/clip';

describe('clip', () => {
  it('turns every control character, ESC and the Unicode line separators into spaces, keeping one line', () => {
    expect(clip('a\r\nb\tc\u001b[31md\u2028e\u2029f\u0085g', 100)).toBe('a b c [31md e f g');
  });

  it('cuts text longer than the limit, marking the cut', () => {
    expect(clip('abcdef', 3)).toBe('abc…');
    expect(clip('abc', 3)).toBe('abc');
  });
});
