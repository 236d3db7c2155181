import { request as httpRequest, type ClientRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What one POST to a hook's URL came to. */
export interface HookPostOutcome {
  ok: boolean;
  /** The receiver's HTTP status, when it answered. */
  status?: number;
  /** Why it counts as an error, when it does. */
  error?: string;
  /** Milliseconds from sending to the outcome. */
  ms: number;
}

/** Worksection's limit (FAQ webhooks.html): an answer later than 5 seconds counts as an error. */
export const HOOK_TIMEOUT_MS = 5000;
/** The most of a receiver's answer read: `{"status":"OK"}` is 15 bytes; a huge answer is cut off and counts as an error. */
export const HOOK_MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs `body` (JSON) to a hook's URL, with its Basic credentials when it has any, and judges the answer as
 * Worksection does (FAQ webhooks.html): HTTP 200, a JSON content type and `{"status":"OK"}` within 5 seconds, or it
 * is an error. Redirects are not followed (inferred: a 3xx is not a 200). The time is bounded for the whole exchange
 * and the answer read is bounded in bytes, so a hanging or flooding receiver costs at most 5 s and 64 KiB.
 */
export function postToHook(
  url: string,
  body: string,
  auth: { user: string; pass: string } | undefined,
  track: (request: ClientRequest) => () => void = () => () => undefined,
): Promise<HookPostOutcome> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: Omit<HookPostOutcome, 'ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      untrack();
      req.destroy();
      resolve({ ...outcome, ms: Date.now() - started });
    };
    const target = new URL(url);
    const headers: Record<string, string> = {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(body)),
      'User-Agent': 'worksection-emulator-webhooks',
    };
    if (auth && (auth.user !== '' || auth.pass !== ''))
      headers.Authorization = `Basic ${Buffer.from(`${auth.user}:${auth.pass}`).toString('base64')}`;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(target, { method: 'POST', headers, agent: false }, (res) => {
      const status = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > HOOK_MAX_ANSWER_BYTES) done({ ok: false, status, error: `answer over ${HOOK_MAX_ANSWER_BYTES} bytes` });
        else chunks.push(chunk);
      });
      res.on('error', () => done({ ok: false, status, error: 'answer broken off' }));
      res.on('end', () => done(judge(status, res.headers['content-type'], Buffer.concat(chunks).toString('utf8'))));
    });
    const timer = setTimeout(() => done({ ok: false, error: `no complete answer within ${HOOK_TIMEOUT_MS} ms` }), HOOK_TIMEOUT_MS);
    const untrack = track(req);
    req.on('error', (err) => done({ ok: false, error: `connection failed (${(err as NodeJS.ErrnoException).code ?? 'error'})` }));
    req.end(body);
  });
}

function judge(status: number, contentType: string | undefined, text: string): Omit<HookPostOutcome, 'ms'> {
  if (status >= 300 && status < 400) return { ok: false, status, error: 'redirect (not followed)' };
  if (status !== 200) return { ok: false, status, error: `HTTP ${status}` };
  if (!/\bjson\b/i.test(contentType ?? '')) return { ok: false, status, error: 'answer is not JSON (Content-Type)' };
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return { ok: false, status, error: 'answer is not JSON' };
  }
  const ok = typeof answer === 'object' && answer !== null && (answer as Record<string, unknown>).status === 'OK';
  return ok ? { ok: true, status } : { ok: false, status, error: 'answer is not {"status":"OK"}' };
}
