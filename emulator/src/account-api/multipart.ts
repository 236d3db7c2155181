import { MultipartError } from '../errors/multipart-error';
/** One part of a `multipart/form-data` body. */
export interface MultipartPart {
  /** The form field name (`files[]` for Worksection's uploads). */
  name: string;
  /** The file name the sender gave, stripped of any path; `undefined` for a plain field. */
  filename: string | undefined;
  contentType: string;
  data: Buffer;
}

/** Limits that keep a hostile body from costing more than a bounded amount of work. */
export interface MultipartLimits {
  maxParts: number;
  maxHeaderBytes: number;
  maxFieldBytes: number;
}

/** Default limits: Worksection's clients send a handful of files per call. */
export const MULTIPART_LIMITS: MultipartLimits = Object.freeze({ maxParts: 32, maxHeaderBytes: 8 * 1024, maxFieldBytes: 64 * 1024 });

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
// RFC 2046 §5.1.1: 1–70 characters from a restricted set.
const BOUNDARY_CHARS = /^[0-9A-Za-z'()+_,\-./:=? ]{0,69}[0-9A-Za-z'()+_,\-./:=?]$/;

/** The boundary of a `multipart/form-data` content type, or an error saying why there is none. */
export function boundaryOf(contentType: string): string {
  const match = /;\s*boundary=(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const boundary = match?.[1] ?? match?.[2] ?? '';
  if (!BOUNDARY_CHARS.test(boundary)) throw new MultipartError('the content type has no valid boundary');
  return boundary;
}

/**
 * Splits a `multipart/form-data` body (RFC 7578) into its parts. Everything is bounded: the number of parts, each
 * part's header block, and plain field sizes; the scan is linear in the body. Malformed input throws
 * {@link MultipartError}, never anything else.
 */
export function parseMultipart(body: Buffer, contentType: string, limits: MultipartLimits = MULTIPART_LIMITS): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundaryOf(contentType)}`);
  const nextDelimiter = Buffer.concat([CRLF, delimiter]);
  // A preamble may come before the first delimiter, which then follows a line break (RFC 2046 §5.1.1).
  const first = body.subarray(0, delimiter.length).equals(delimiter) ? -CRLF.length : body.indexOf(nextDelimiter);
  if (first === -1) throw new MultipartError('the body does not contain the boundary');
  let pos = first + CRLF.length;
  const parts: MultipartPart[] = [];
  for (;;) {
    pos += delimiter.length;
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) return parts; // `--boundary--`: the end
    // RFC 2046 allows transport padding (spaces, tabs) after a delimiter.
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new MultipartError('a boundary is not followed by a line break');
    pos += CRLF.length;
    if (parts.length === limits.maxParts) throw new MultipartError(`more than ${limits.maxParts} parts`);
    const headerEnd = body.subarray(pos, pos + limits.maxHeaderBytes + HEADER_END.length).indexOf(HEADER_END);
    if (headerEnd < 0) throw new MultipartError(`a part's headers are missing or longer than ${limits.maxHeaderBytes} bytes`);
    const headers = parseHeaders(body.subarray(pos, pos + headerEnd).toString('utf8'));
    pos += headerEnd + HEADER_END.length;
    const end = body.indexOf(nextDelimiter, pos);
    if (end < 0) throw new MultipartError('a part is not closed by the boundary');
    const part = { ...headers, data: body.subarray(pos, end) };
    if (part.filename === undefined && part.data.length > limits.maxFieldBytes)
      throw new MultipartError(`field "${part.name}" is longer than ${limits.maxFieldBytes} bytes`);
    parts.push(part);
    pos = end + CRLF.length;
  }
}

function parseHeaders(block: string): Omit<MultipartPart, 'data'> {
  let disposition: string | undefined;
  let contentType = 'application/octet-stream';
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new MultipartError('a part has a malformed header line');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    else if (name === 'content-type' && /^[\w.+-]+\/[\w.+-]+$/.test(value.split(';')[0]?.trim() ?? '')) contentType = value;
  }
  if (disposition === undefined || !/^form-data\s*(;|$)/i.test(disposition)) throw new MultipartError('a part is not form-data');
  const params = dispositionParams(disposition);
  const name = params.get('name');
  if (name === undefined || name === '') throw new MultipartError('a part has no field name');
  const rawFilename = params.get('filename*') ?? params.get('filename');
  return { name, filename: rawFilename === undefined ? undefined : cleanFilename(rawFilename), contentType };
}

function dispositionParams(disposition: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const match of disposition.matchAll(/;\s*([A-Za-z0-9_*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const key = (match[1] ?? '').toLowerCase();
    let value = (match[2] ?? '').trim();
    if (value.startsWith('"')) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    if (key.endsWith('*')) {
      // RFC 8187: charset'language'percent-encoded
      const ext = /^utf-8'[^']*'(.*)$/i.exec(value);
      if (!ext) continue;
      try {
        value = decodeURIComponent(ext[1] ?? '');
      } catch {
        throw new MultipartError(`parameter ${key} is not valid percent-encoding`);
      }
    }
    if (!params.has(key)) params.set(key, value);
  }
  return params;
}

function cleanFilename(raw: string): string {
  // Browsers and clients may send a full path; only the last segment is the file's name. Control characters
  // would end up in Content-Disposition headers on download.
  // eslint-disable-next-line no-control-regex
  const name = (raw.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (name === '' || name === '.' || name === '..') throw new MultipartError('a file part has no usable file name');
  if (name.length > 255) throw new MultipartError('a file name is longer than 255 characters');
  return name;
}
