import { randomBytes } from 'node:crypto';
import { WorksectionArgumentError } from '../errors/argument-error';
import type { UploadFile } from './actions/files';

/** @internal A `multipart/form-data` body and the `Content-Type` that names its boundary. */
export interface Multipart {
  contentType: string;
  body: Buffer;
}

// A media type (RFC 9110 §8.3.1) without parameters: nothing that could end the part's header line.
const MEDIA_TYPE = /^[\w!#$&^.+-]{1,64}\/[\w!#$&^.+-]{1,64}$/;

/**
 * @internal
 * The body `upload_files` takes: one `files[]` part per file. A file name goes into a quoted `filename="…"` as the
 * HTML standard's form encoder writes it — `"`, CR and LF as `%22`, `%0D`, `%0A` — and so do the other control
 * characters: a hostile name cannot end the header line, add a header or a part. The boundary is random and checked
 * against every file's bytes.
 */
export function multipart(files: readonly UploadFile[]): Multipart {
  return multipartOf(files, () => 'files[]', 'files', 'files.upload(files)');
}

/**
 * @internal
 * The body of a `post_project`, `post_task` or `post_comment` that attaches files: one `attach[n]` part per file, as
 * Worksection's FAQ describes (https://worksection.com/en/faq/api-files.html, "Adding files to projects, tasks and
 * comments through API"). Encoded like {@link multipart}.
 */
export function attachMultipart(files: readonly UploadFile[], action: string): Multipart {
  return multipartOf(files, (index) => `attach[${String(index)}]`, 'attach', `${action}'s attach`);
}

function multipartOf(files: readonly UploadFile[], fieldOf: (index: number) => string, param: string, where: string): Multipart {
  if (!Array.isArray(files) || files.length === 0) {
    throw new WorksectionArgumentError(param, `${where} needs a non-empty list of { name, content } to upload.`);
  }
  const parts = files.map((file, index) => {
    const { name, content, type = 'application/octet-stream' } = (file ?? {}) as Partial<UploadFile>;
    if (typeof name !== 'string' || name === '') throw badFile(param, where, index, 'a non-empty `name`');
    if (typeof content !== 'string' && !(content instanceof Uint8Array))
      throw badFile(param, where, index, '`content` as a Uint8Array, Buffer or string');
    if (typeof type !== 'string' || !MEDIA_TYPE.test(type)) throw badFile(param, where, index, 'a `type` such as "image/png", or none');
    return {
      field: fieldOf(index),
      name,
      type,
      bytes:
        typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content.buffer, content.byteOffset, content.byteLength),
    };
  });
  let boundary: string;
  do boundary = `----passport-worksection-${randomBytes(16).toString('hex')}`;
  while (parts.some((part) => part.bytes.includes(boundary)));
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${part.field}"; filename="${escapeFileName(part.name)}"\r\n` +
          `Content-Type: ${part.type}\r\n\r\n`,
        'utf8',
      ),
      part.bytes,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}

/** @internal A file name as a quoted-string's content: control characters and `"` percent-encoded, the rest UTF-8 as is. */
export function escapeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return name.replace(/[\u0000-\u001f\u007f"]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function badFile(param: string, where: string, index: number, expected: string): WorksectionArgumentError {
  return new WorksectionArgumentError(param, `File ${String(index)} of ${where} needs ${expected}.`);
}
