import { withoutInvisible } from '../shared/invisible';

/**
 * @internal
 * The file name of a `Content-Disposition` header (RFC 6266): `filename*=UTF-8''…` when given, else `filename="…"` or
 * a bare `filename=…`. It comes from whoever uploaded the file, so it is made safe to save on any system: see
 * {@link safeFileName}. `undefined` when the header names no usable file name.
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
  return name === undefined ? undefined : safeFileName(name);
}

/** The most UTF-8 bytes of a name: under the 255 of common file systems, with room for a " (2)" a browser adds. */
const MAX_NAME_BYTES = 200;
/** Names Windows keeps for devices, with any extension ("NUL.txt" opens the null device), digits ¹²³ included. */
const RESERVED = /^(?:CON|PRN|AUX|NUL|CONIN\$|CONOUT\$|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3])(?:\.|$)/i;

/**
 * @internal
 * `name` as a file name safe to save on any system, or `undefined` when nothing usable is left: the base name
 * (no directories), without control, bidi or zero-width characters, Windows' forbidden characters (`:` would make
 * `a.txt:hidden` an alternate data stream, `C:evil.exe` a drive-relative path) as `_`, without leading spaces or
 * trailing dots and spaces (which Windows drops), a device name (`CON`, `NUL.txt`, `COM1`…) prefixed with `_`, and
 * at most {@link MAX_NAME_BYTES} UTF-8 bytes, cut before the extension.
 */
export function safeFileName(name: string): string | undefined {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const visible = withoutInvisible(name.split(/[/\\]/).pop() ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
  let base = visible
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^\s+/, '')
    .replace(/[\s.]+$/, '');
  if (base === '' || base === '.' || base === '..') return undefined;
  if (RESERVED.test(base)) base = `_${base}`;
  return fitted(base);
}

/** `base` cut to {@link MAX_NAME_BYTES} UTF-8 bytes, whole characters only, keeping a short extension. */
function fitted(base: string): string {
  if (Buffer.byteLength(base) <= MAX_NAME_BYTES) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : '';
  let room = MAX_NAME_BYTES - Buffer.byteLength(extension);
  let stem = '';
  for (const char of base.slice(0, base.length - extension.length)) {
    room -= Buffer.byteLength(char);
    if (room < 0) break;
    stem += char;
  }
  return stem + extension;
}
