import { escapeFileName, multipart } from '../../src/client/multipart';
import { WorksectionArgumentError } from '../../src';

/** The parts of a multipart body, split at its boundary. */
function partsOf(body: Buffer, contentType: string): string[] {
  const boundary = /boundary=(\S+)$/.exec(contentType)![1]!;
  const text = body.toString('latin1');
  expect(text.endsWith(`--${boundary}--\r\n`)).toBe(true);
  return text.split(`--${boundary}`).slice(1, -1);
}

describe('multipart', () => {
  it('writes one files[] part per file: its name, type and bytes', () => {
    const { contentType, body } = multipart([
      { name: 'a.txt', content: 'héllo', type: 'text/plain' },
      { name: 'b.bin', content: new Uint8Array([0, 255, 13, 10]) },
    ]);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----passport-worksection-[0-9a-f]{32}$/);
    const parts = partsOf(body, contentType);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toBe(
      '\r\nContent-Disposition: form-data; name="files[]"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n' +
        Buffer.from('héllo').toString('latin1') +
        '\r\n',
    );
    expect(parts[1]).toBe(
      '\r\nContent-Disposition: form-data; name="files[]"; filename="b.bin"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u00ff\r\n\r\n',
    );
  });

  it('sends a Buffer’s own bytes, not the whole pool it is a view of', () => {
    const pool = Buffer.from('xxxxPAYLOADyyyy');
    const { contentType, body } = multipart([{ name: 'v', content: pool.subarray(4, 11) }]);
    expect(partsOf(body, contentType)[0]).toMatch(/\r\n\r\nPAYLOAD\r\n$/);
  });

  it('percent-encodes quotes and control characters of a file name, so it cannot end its header line', () => {
    expect(escapeFileName('a"b\r\nc\u0000d\u007fé✓.txt')).toBe('a%22b%0D%0Ac%00d%7Fé✓.txt');
    const hostile = 'x".txt\r\nContent-Type: text/html\r\n\r\n<script>';
    const { contentType, body } = multipart([{ name: hostile, content: 'data' }]);
    const [part] = partsOf(body, contentType);
    const head = part!.slice(0, part!.indexOf('\r\n\r\n'));
    expect(head.split('\r\n')).toEqual([
      '',
      'Content-Disposition: form-data; name="files[]"; filename="x%22.txt%0D%0AContent-Type: text/html%0D%0A%0D%0A<script>"',
      'Content-Type: application/octet-stream',
    ]);
  });

  it('never uses a boundary that occurs in a file', () => {
    for (let i = 0; i < 20; i++) {
      const { contentType, body } = multipart([{ name: 'f', content: '----passport-worksection-' }]);
      expect(partsOf(body, contentType)).toHaveLength(1);
    }
  });

  it.each([
    ['no files', []],
    ['a file without a name', [{ name: '', content: 'x' }]],
    ['a file without content', [{ name: 'a' } as never]],
    ['content that is not bytes', [{ name: 'a', content: 42 } as never]],
    ['a type with a line break', [{ name: 'a', content: 'x', type: 'text/plain\r\nX-Evil: 1' }]],
    ['a type with parameters', [{ name: 'a', content: 'x', type: 'text/plain; charset=utf-8' }]],
    ['a null entry', [null as never]],
  ])('refuses %s with an argument error naming files', (_case, files) => {
    expect(() => multipart(files)).toThrow(WorksectionArgumentError);
    expect(() => multipart(files)).toThrow(expect.objectContaining({ argument: 'files' }) as Error);
  });
});
