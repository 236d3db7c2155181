/** @internal How reading a body ended. */
export type BodyRead = { ok: true; bytes: Uint8Array } | { ok: false; reason: 'too_large' | 'body_incomplete' };

/**
 * @internal
 * The body's bytes, at most `max` of them and within `timeoutMs`: past either, reading stops and the stream is
 * cancelled, so a 10 MB or endless body costs `max` bytes of memory at most.
 */
export async function readBody(body: ReadableStream<Uint8Array> | null, max: number, timeoutMs: number): Promise<BodyRead> {
  if (body === null) return { ok: true, bytes: new Uint8Array(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), timedOut]);
      if (next === 'timeout') return stop(reader, 'body_incomplete');
      if (next.done) break;
      size += next.value.byteLength;
      if (size > max) return stop(reader, 'too_large');
      chunks.push(next.value);
    }
  } catch {
    return { ok: false, reason: 'body_incomplete' };
  } finally {
    clearTimeout(timer);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { ok: true, bytes };
}

function stop(reader: ReadableStreamDefaultReader<Uint8Array>, reason: 'too_large' | 'body_incomplete'): BodyRead {
  // Cancelling can reject when the source is already broken; there is nothing more to read either way.
  reader.cancel().catch(() => undefined);
  return { ok: false, reason };
}
