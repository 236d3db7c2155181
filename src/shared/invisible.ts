/**
 * Characters that change how text reads without showing: the bidi controls (an RLO makes "invoice\u202Efdp.exe"
 * read as "invoiceexe.pdf") and the zero-width ones (which hide a word inside another, or split a secret so that
 * a search for it fails).
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** @internal `text` without bidi controls and zero-width characters. */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}
