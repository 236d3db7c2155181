import { Readable } from 'node:stream';
import { WorksectionTimeoutError } from '../errors/timeout-error';
import { broken, type Head } from './answer';

/** @internal A streamed answer: its head, and its body as a Readable guarded by the idle timeout. */
export interface StreamedAnswer {
  /** Tells a streamed answer from a {@link JsonAnswer}. */
  streamed: true;
  status: number;
  contentType: string | undefined;
  contentLength: string | undefined;
  contentDisposition: string | undefined;
  body: Readable;
}

/**
 * @internal
 * The streamed answer the caller receives, its body read from `source`. The body errors with a
 * {@link WorksectionTimeoutError} when, while bytes are wanted, none arrives for `timeout` ms (a caller that reads
 * slowly, its buffer full, is not timed out); with a network error when the connection breaks before the end; with
 * the signal's reason when the call's signal is aborted. Destroying it closes the connection.
 */
export function streamedAnswer(
  head: Head,
  contentDisposition: string | undefined,
  source: Readable,
  timeout: number,
  label: string,
  signal: AbortSignal | undefined,
): StreamedAnswer {
  let timer: NodeJS.Timeout | undefined;
  let wanted = false;
  let ended = false;
  const disarm = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const arm = (): void => {
    timer ??= setTimeout(() => {
      body.destroy(
        new WorksectionTimeoutError(`${label} sent no bytes of the file for ${timeout} ms; the connection was closed. Try again.`, timeout),
      );
    }, timeout);
  };
  // Pulls from the source only as the caller reads, so that the idle timer runs only while the caller waits.
  const pump = (): void => {
    for (let chunk = source.read() as Buffer | null; chunk !== null; chunk = source.read() as Buffer | null) {
      disarm();
      if (!body.push(chunk)) {
        wanted = false;
        return;
      }
    }
    wanted = true;
    if (!ended) arm();
  };
  const body = new Readable({
    read: pump,
    destroy(err, done) {
      disarm();
      signal?.removeEventListener('abort', onAbort);
      // The caller stopped early: close the connection rather than leave it half-read.
      if (!ended) source.destroy();
      // As Node's own IncomingMessage does: the error goes to whoever listens, and nobody listening is not a crash.
      done(body.listenerCount('error') > 0 ? err : null);
    },
  });
  source.on('readable', () => {
    if (wanted) pump();
  });
  source.once('end', () => {
    ended = true;
    disarm();
    body.push(null);
  });
  source.on('error', (err) => body.destroy(broken(label, head, err)));
  source.once('close', () => {
    if (!ended) body.destroy(broken(label, head, Object.assign(new Error('closed mid-body'), { code: 'ECONNRESET' })));
  });
  const onAbort = (): void => void body.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    streamed: true,
    status: head.status,
    contentType: head.contentType,
    contentLength: head.contentLength,
    contentDisposition,
    body,
  };
}
