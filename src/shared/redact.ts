/**
 * @internal
 * Blanks the given secrets (client secret, code, tokens) out of `text`, so that text a server sends back (an error
 * description) cannot carry them into a message or a log. A hostile server may echo the request in another form,
 * so each secret is also looked for URL-encoded, in any letter case, in hex, and in base64/base64url at each of the
 * three byte alignments it can have inside a longer encoded text. Any run of 40 or more token-like characters is
 * blanked too: no word of Worksection's is that long, and a fragment of a token is still a leak.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would blank ordinary words; real secrets and tokens are long.
    if (secret.length < 6) continue;
    for (const form of caseFreeForms(secret)) out = out.replace(new RegExp(escapeRegExp(form), 'gi'), REDACTED);
    for (const form of base64Forms(secret)) out = out.split(form).join(REDACTED);
  }
  return out.replace(/[A-Za-z0-9+/=_%.~-]{40,}/g, REDACTED);
}

const REDACTED = '[redacted]';

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
