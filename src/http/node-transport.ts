import http from 'node:http';
import https from 'node:https';
import { urlToHttpOptions } from 'node:url';
import { broken, checkHead, MAX_BODY_BYTES, parseAnswer, timedOut, tooLarge, unreachable, type Head, type JsonAnswer } from './answer';
import type { JsonRequest } from './request';

// Idle sockets are closed after 4 s (as undici does), before servers such as the emulator (5 s) or nginx close
// them, so that a request is never written to a socket the server is closing.
const agents = {
  'http:': new http.Agent({ keepAlive: true, timeout: 4000 }),
  'https:': new https.Agent({ keepAlive: true, timeout: 4000 }),
};

/**
 * @internal
 * The built-in transport: `node:http(s)` with a keep-alive pool. Callbacks and one promise rather than async
 * steps: this runs twice on every login, and this transport exists to cost as little as node-oauth does.
 */
export function viaNode(
  url: string,
  request: JsonRequest,
  headers: Record<string, string>,
  timeout: number,
  label: string,
): Promise<JsonAnswer> {
  return new Promise((resolve, reject) => {
    const target = requestTarget(url);
    const body = request.body;
    const req = (target.secure ? https : http).request({
      ...target.options,
      method: request.method,
      headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Frees the socket: a half-read or unwanted answer never goes back to the keep-alive pool.
      req.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(timedOut(label, timeout)), timeout);
    req.once('error', (err) => fail(unreachable(label, err)));
    req.once('response', (res) => {
      const head: Head = {
        status: res.statusCode ?? 0,
        contentType: res.headers['content-type'],
        contentLength: res.headers['content-length'],
        opaqueRedirect: false,
      };
      const refused = checkHead(head, label);
      if (refused) {
        fail(refused);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) fail(tooLarge(label, head));
        else chunks.push(chunk);
      });
      res.once('error', (err) => fail(broken(label, head, err)));
      // A connection closed before the end of the body, whether or not Node reported it as an error.
      res.once('close', () => {
        if (!res.complete) fail(broken(label, head, Object.assign(new Error('closed mid-body'), { code: 'ECONNRESET' })));
      });
      res.once('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          resolve(parseAnswer(head, Buffer.concat(chunks, size).toString('utf8'), label));
        } catch (err) {
          reject(err);
        }
      });
    });
    req.end(body);
  });
}

interface Target {
  secure: boolean;
  options: http.RequestOptions;
}

// The strategy calls the same few endpoints on every login: parse each URL once.
const targets = new Map<string, Target>();

function requestTarget(url: string): Target {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    const secure = parsed.protocol === 'https:';
    target = {
      secure,
      options: { ...urlToHttpOptions(parsed), agent: secure ? agents['https:'] : agents['http:'] },
    };
    // Account-API URLs carry their query: bound the cache rather than let it grow with them.
    if (targets.size >= 64) targets.clear();
    targets.set(url, target);
  }
  return target;
}
