/**
 * @internal
 * Blanks every occurrence of the given secrets (client secret, code, tokens) out of `text`, so that text a
 * server sends back (an error description) cannot carry them into a message or a log.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    // Short values would blank ordinary words; real secrets and tokens are long.
    if (secret.length >= 6) out = out.split(secret).join('[redacted]');
  }
  return out;
}
