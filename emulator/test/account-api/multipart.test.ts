import { MultipartError } from '../../src/errors/multipart-error';
import { boundaryOf, parseMultipart } from '../../src/account-api/multipart';

const CT = 'multipart/form-data; boundary=XyZ';

describe('parseMultipart', () => {
  it('splits fields and files, keeping file bytes exact even when they contain CRLF and dashes', () => {
    const file = Buffer.from([0x2d, 0x2d, 0x0d, 0x0a, 0x2d, 0x2d, 0x58, 0xff, 0x00]);
    const body = Buffer.concat([
      Buffer.from('preamble\r\n--XyZ\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n'),
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="files[]"; filename="a.bin"\r\nContent-Type: image/png\r\n\r\n'),
      file,
      Buffer.from('\r\n--XyZ--\r\nepilogue'),
    ]);
    const parts = parseMultipart(body, CT);
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['note', undefined, 'application/octet-stream'],
      ['files[]', 'a.bin', 'image/png'],
    ]);
    expect(parts[0]?.data.toString()).toBe('hello');
    expect(parts[1]?.data).toEqual(file);
  });

  it('reads a quoted boundary and an RFC 8187 file name', () => {
    const body = `--a b\r\nContent-Disposition: form-data; name="files[]"; filename*=UTF-8''%D0%AF.txt\r\n\r\nx\r\n--a b--`;
    expect(parseMultipart(Buffer.from(body), 'multipart/form-data; boundary="a b"')[0]?.filename).toBe('Я.txt');
  });

  it('refuses a missing or overlong boundary', () => {
    expect(() => boundaryOf('multipart/form-data')).toThrow(MultipartError);
    expect(() => boundaryOf(`multipart/form-data; boundary=${'a'.repeat(71)}`)).toThrow(MultipartError);
  });

  it('refuses a body without a closing delimiter', () => {
    expect(() => parseMultipart(Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n--XyZ'), CT)).toThrow(
      /line break|not closed/,
    );
  });

  it('refuses a plain field over the field limit and more parts than the part limit', () => {
    const big = `--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\n${'x'.repeat(20)}\r\n--XyZ--`;
    expect(() => parseMultipart(Buffer.from(big), CT, { maxParts: 5, maxHeaderBytes: 100, maxFieldBytes: 10 })).toThrow(
      /longer than 10 bytes/,
    );
    const many = `${'--XyZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nx\r\n'.repeat(3)}--XyZ--`;
    expect(() => parseMultipart(Buffer.from(many), CT, { maxParts: 2, maxHeaderBytes: 100, maxFieldBytes: 10 })).toThrow(
      /more than 2 parts/,
    );
  });

  it('refuses bad percent-encoding in filename* with a MultipartError, not a URIError', () => {
    const body = `--XyZ\r\nContent-Disposition: form-data; name="f"; filename*=UTF-8''%E0%A4%A\r\n\r\nx\r\n--XyZ--`;
    expect(() => parseMultipart(Buffer.from(body), CT)).toThrow(MultipartError);
  });
});
