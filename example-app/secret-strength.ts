/**
 * A conservative estimate of the randomness in `secret`, in bits: the least of
 * - its length times the Shannon entropy per character of the characters themselves, of the steps between
 *   neighbours, or of the steps between neighbours' keys on a QWERTY keyboard (so runs such as "abcdef…",
 *   "0123…" and keyboard rows score low), and
 * - what an LZ77 parse of it, letter case ignored, costs: each character that does not continue an earlier
 *   stretch costs the entropy per character, each repeat of an earlier stretch (three characters or more) only
 *   where it starts and how long it is (so repeated phrases and "password1password2…" score little more than
 *   their first occurrence).
 * `openssl rand -hex 32` scores about 250.
 */
export function estimatedBits(secret: string): number {
  const codes = Array.from(secret, (c) => c.codePointAt(0) ?? 0);
  const perChar = shannon(codes);
  const keys = codes.map(keyPosition);
  const spread = Math.min(perChar, shannon(steps(codes)), shannon(steps(keys)));
  return Math.min(codes.length * spread, lzBits(Array.from(secret.toLowerCase()), perChar));
}

// The keys of a US QWERTY keyboard by row, unshifted and shifted at the same positions.
const PLAIN = "`1234567890-=qwertyuiop[]\\asdfghjkl;'zxcvbnm,./";
const SHIFTED = '~!@#$%^&*()_+QWERTYUIOP{}|ASDFGHJKL:"ZXCVBNM<>?';

function keyPosition(code: number): number {
  const c = String.fromCodePoint(code);
  const at = PLAIN.includes(c) ? PLAIN.indexOf(c) : SHIFTED.indexOf(c);
  // Off the keyboard: far from every key, and from each other.
  return at === -1 ? 1000 + code : at;
}

function steps(values: number[]): number[] {
  return values.slice(1).map((v, i) => v - (values[i] ?? 0));
}

function lzBits(chars: string[], literalBits: number): number {
  let bits = 0;
  let i = 0;
  while (i < chars.length) {
    let longest = 0;
    for (let j = 0; j < i; j++) {
      let k = 0;
      while (i + k < chars.length && chars[j + k] === chars[i + k]) k++;
      longest = Math.max(longest, k);
    }
    if (longest >= 3) {
      bits += Math.log2(i) + Math.log2(longest) + 1;
      i += longest;
    } else {
      bits += literalBits;
      i++;
    }
  }
  return bits;
}

function shannon(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / values.length) * Math.log2(n / values.length);
  return bits;
}
