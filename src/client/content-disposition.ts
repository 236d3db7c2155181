/**
 * @internal
 * The file name of a `Content-Disposition` header (RFC 6266): `filename*=UTF-8''…` when given, else `filename="…"` or
 * a bare `filename=…`. Reduced to a base name without control characters: it comes from whoever uploaded the file.
 * `undefined` when the header names no file.
 */
export function fileNameOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const extended = /(?:^|;)\s*filename\*\s*=\s*([\w!#$%&+^`{}~.-]+)'[\w-]*'([^;\s]+)/i.exec(header);
  const [, charset = '', encoded = ''] = extended ?? [];
  let name: string | undefined;
  if (/^utf-8$/i.test(charset)) {
    try {
      name = decodeURIComponent(encoded);
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const plain = /(?:^|;)\s*filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(header);
    name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  }
  if (name === undefined) return undefined;
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const base = (name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return base === '' || base === '.' || base === '..' ? undefined : base;
}
