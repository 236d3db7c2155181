import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Emulator } from 'worksection-emulator';
import { SCOPES, UNEXPECTED_CONTENT_TYPE, WorksectionApiError } from '../../src';
import type { WorksectionClient } from '../../src/client';
import { CallSpacer } from '../../src/client/call-spacer';
import { startRecorder } from '../helpers/client-recorder';
import { clientOf, PAST_EXPIRY, rejection, signIn, startEmulator, type Grant } from '../helpers/client-setup';

let emu: Emulator;
let grant: Grant;
let client: WorksectionClient;

beforeEach(async () => {
  emu = await startEmulator();
  grant = await signIn(emu, { scope: SCOPES.join(',') });
  ({ client } = clientOf(grant));
});
afterEach(() => emu.close());

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('client.files: list and download', () => {
  it('list reads a task’s files; download resolves to the name, type, size and a stream of the bytes', async () => {
    const [file] = await client.files.list({ id_task: '1001' });
    expect(file).toMatchObject({ id: '70', name: 'wireframes.txt' });
    const download = await client.files.download(file!.id);
    expect(download).toMatchObject({ fileName: 'wireframes.txt', contentType: 'application/x-download', size: 36 });
    await expect(bytesOf(download.stream)).resolves.toEqual(Buffer.from('Home: hero, pricing teaser, footer.\n'));
  });

  it('a file over the 1 MiB cap of JSON answers streams through whole, byte for byte', async () => {
    const content = randomBytes(3 * 1024 * 1024 + 17);
    const [uploaded] = await client.files.upload([{ name: 'big.bin', content }]);
    const task = await client.tasks.create({ id_project: '101', title: 'With a big file', files: [uploaded!] });
    const [listed] = await client.files.list({ id_task: task.id });
    const download = await client.files.download(listed!.id);
    expect(download.size).toBe(content.length);
    const received = await bytesOf(download.stream);
    expect(createHash('sha256').update(received).digest('hex')).toBe(createHash('sha256').update(content).digest('hex'));
  });

  it('a file Worksection does not have rejects with WorksectionApiError (its JSON answer, status_code 4)', async () => {
    const err = await rejection(client.files.download('999999'));
    expect(err).toBeInstanceOf(WorksectionApiError);
    expect(err).toMatchObject({ action: 'download', statusCode: 4, message: 'File not found' });
  });

  it('a 2xx answer that names no file (a proxy’s HTML page) is not taken for the file', async () => {
    const page = '<html><body>Please sign in to the proxy</body></html>';
    emu.faults.set('api', { type: 'respond', status: 200, headers: { 'content-type': 'text/html' }, body: page, times: 1 });
    const err = await rejection(client.files.download('70'));
    expect(err).toMatchObject({ name: 'WorksectionResponseError', code: UNEXPECTED_CONTENT_TYPE, status: 200, contentType: 'text/html' });
    expect((err as Error).message).not.toContain('Please sign in');
  });

  it('goes through the token refresh: a 401 "Access token is expired" is refreshed and the download replayed', async () => {
    emu.clock.advance(PAST_EXPIRY);
    const { client: fresh, saved } = clientOf(grant);
    const download = await fresh.files.download('70');
    await expect(bytesOf(download.stream)).resolves.toHaveLength(36);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(emu.stats.requests.api).toBe(2);
    expect(saved).toHaveLength(1);
  });

  it('an aborted signal stops the download before it is sent', async () => {
    const err = await rejection(client.files.download('70', { signal: AbortSignal.abort() }));
    expect(err).toMatchObject({ name: 'AbortError' });
    expect(emu.stats.requests.api).toBe(0);
  });
});

describe('client.files: upload', () => {
  it('sends multipart/form-data with one files[] part per file and resolves to descriptors post_task accepts', async () => {
    const recorder = await startRecorder(emu.url);
    try {
      const { client: recorded } = clientOf(
        { ...grant, accountUrl: grant.accountUrl.replace(emu.url, recorder.url) },
        { baseURL: recorder.url },
      );
      const uploaded = await recorded.files.upload([
        { name: 'a.txt', content: 'first', type: 'text/plain' },
        { name: 'b.bin', content: new Uint8Array([0, 1, 2, 255]) },
      ]);
      expect(uploaded).toEqual([
        expect.objectContaining({ name: 'a.txt', ext: 'txt' }),
        expect.objectContaining({ name: 'b.bin', ext: 'bin' }),
      ]);
      const [request] = recorder.requests;
      expect(request).toMatchObject({ method: 'POST', url: '/acc1234/api/oauth2?action=upload_files' });
      expect(request!.headers['content-type']).toMatch(/^multipart\/form-data; boundary=\S+$/);
      expect(request!.headers.authorization).toBe(`Bearer ${grant.tokens.accessToken}`);
      expect(request!.body.match(/name="files\[\]"/g)).toHaveLength(2);

      const task = await recorded.tasks.create({ id_project: '101', title: 'With files', files: uploaded });
      const files = await recorded.files.list({ id_task: task.id });
      expect(files.map((f) => f.name).sort()).toEqual(['a.txt', 'b.bin']);
    } finally {
      await recorder.close();
    }
  });

  it('a hostile file name (quotes, CR, LF) stays one file name: it cannot add a header or a part', async () => {
    // No slash: Worksection keeps only a name's last path segment, as PHP's upload handling does.
    const hostile = 'evil".txt\r\nX-Injected: yes\r\n\r\n--x\r\nContent-Disposition: form-data; name="files[]"; filename="second.txt';
    const uploaded = await client.files.upload([{ name: hostile, content: 'payload' }]);
    expect(uploaded).toHaveLength(1);
    expect(uploaded[0]!.name).toBe(hostile.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
    expect(uploaded[0]!.name).not.toMatch(/[\r\n"]/);
  });

  it('goes through the token refresh: the multipart body is sent again after a 401 "Access token is expired"', async () => {
    emu.clock.advance(PAST_EXPIRY);
    const { client: fresh } = clientOf(grant);
    await expect(fresh.files.upload([{ name: 'again.txt', content: 'twice' }])).resolves.toEqual([
      expect.objectContaining({ name: 'again.txt' }),
    ]);
    expect(emu.stats.requests.refresh).toBe(1);
    expect(emu.stats.requests.api).toBe(2);
  });

  it('an empty list of files is refused before anything is sent', async () => {
    await expect(client.files.upload([])).rejects.toMatchObject({ name: 'WorksectionArgumentError', argument: 'files' });
    expect(emu.stats.requests.api).toBe(0);
  });
});

describe('client.files: the account’s queue', () => {
  it('download and upload wait their turn like any call: arrivals are minInterval apart', async () => {
    const recorder = await startRecorder(emu.url);
    try {
      const minInterval = 250;
      const { client: spaced } = clientOf(
        { ...grant, accountUrl: grant.accountUrl.replace(emu.url, recorder.url) },
        { baseURL: recorder.url, minInterval, spacer: new CallSpacer() },
      );
      const [, download, uploaded] = await Promise.all([
        spaced.me(),
        spaced.files.download('70'),
        spaced.files.upload([{ name: 'q.txt', content: 'queued' }]),
      ]);
      download.stream.destroy();
      expect(uploaded).toHaveLength(1);
      const at = recorder.requests.map((r) => r.at);
      expect(recorder.requests.map((r) => new URL(r.url, 'http://x').searchParams.get('action'))).toEqual([
        'me',
        'download',
        'upload_files',
      ]);
      // Arrival gaps can be a request's latency shorter than the send gaps: some slack, far above unspaced ~0 ms.
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(minInterval - 60);
    } finally {
      await recorder.close();
    }
  });
});
