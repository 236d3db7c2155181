/**
 * @internal
 * Blanks the given secrets (client secret, code, tokens) out of `text`, so that text a server sends back (an error
 * description) cannot carry them into a message or a log. A hostile server may echo the request in another form,
 * so each secret is also looked for URL-encoded, in any letter case, in hex, and in base64/base64url at each of the
 * three byte alignments it can have inside a longer encoded text. A server may also echo a secret cut short (a
 * prefix, a truncated log line): any run of {@link MIN_FRAGMENT} or more characters found in a secret, in any
 * letter case, is blanked. Any run of 40 or more token-like characters is blanked too: no word of Worksection's is
 * that long, and a fragment of a token is still a leak.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would blank ordinary words; real secrets and tokens are long.
    if (secret.length < 6) continue;
    for (const form of caseFreeForms(secret)) out = out.replace(new RegExp(escapeRegExp(form), 'gi'), REDACTED);
    for (const form of base64Forms(secret)) out = out.split(form).join(REDACTED);
    out = withoutFragments(out, secret);
  }
  return out.replace(/[A-Za-z0-9+/=_%.~-]{40,}/g, REDACTED);
}

const REDACTED = '[redacted]';

/**
 * The shortest piece of a secret that is blanked. Shorter runs are as short as ordinary words, and a secret of
 * random characters shares 6- or 7-letter runs with Worksection's words by chance ("revoked" inside a token) often
 * enough to garble its messages; 8 characters of a random base64url secret are 48 bits, not a guessable piece.
 */
const MIN_FRAGMENT = 8;

/** `text` with every run of at least {@link MIN_FRAGMENT} characters that also occurs in `secret` (any case) blanked. */
function withoutFragments(text: string, secret: string): string {
  if (secret.length < MIN_FRAGMENT || text.length < MIN_FRAGMENT) return text;
  const lowerSecret = secret.toLowerCase();
  const pieces = new Set<string>();
  for (let i = 0; i + MIN_FRAGMENT <= lowerSecret.length; i++) pieces.add(lowerSecret.slice(i, i + MIN_FRAGMENT));
  const lower = text.toLowerCase();
  // Every window of the text that is a piece of the secret marks its characters; overlapping windows make one run.
  const covered = new Uint8Array(text.length);
  let any = false;
  for (let i = 0; i + MIN_FRAGMENT <= lower.length; i++) {
    if (!pieces.has(lower.slice(i, i + MIN_FRAGMENT))) continue;
    covered.fill(1, i, i + MIN_FRAGMENT);
    any = true;
  }
  if (!any) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (covered[i] === 0) out += text.charAt(i);
    else if (i === 0 || covered[i - 1] === 0) out += REDACTED;
  }
  return out;
}

function caseFreeForms(secret: string): string[] {
  const bytes = Buffer.from(secret);
  return [...new Set([secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+'), bytes.toString('hex')])];
}

/** The base64 characters that depend on the secret alone, wherever it starts in the encoded text. */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret);
  const forms = new Set<string>();
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const fragment = encoded.slice(Math.ceil((8 * shift) / 6), Math.floor((8 * (shift + bytes.length)) / 6));
    if (fragment.length >= 6) {
      forms.add(fragment);
      forms.add(fragment.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...forms];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
