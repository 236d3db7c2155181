import { INVALID_RESPONSE, UNEXPECTED_CONTENT_TYPE } from '../errors/codes';
import { WorksectionArgumentError } from '../errors/argument-error';
import { WorksectionResponseError } from '../errors/response-error';
import type { JsonAnswer } from '../http/answer';
import type { HttpSettings } from '../http/settings';
import { MAX_API_BODY_BYTES, requestBytes, type BytesRequest } from '../http/stream-request';
import { isRecord } from '../shared/is-record';
import type { ApiParams } from './api-types';
import type { UploadFile, WorksectionDownload } from './actions/files';
import type { CallSpacer } from './call-spacer';
import { fileNameOf } from './content-disposition';
import { readEnvelope } from './envelope';
import { attachMultipart, multipart, type Multipart } from './multipart';
import { rateLimitedPage } from './rate-limit';

/** @internal What one exchange was sent with: its `Authorization` value, and the secrets to blank out of what comes back. */
export interface Credential {
  readonly authorization: string;
  readonly secrets: readonly string[];
}

/** @internal Where a call goes and how its parameters travel. */
export interface CallRequest {
  /** The URL, with `action` and (for a GET) the parameters in its query string. */
  url: string;
  request: BytesRequest;
}

/** @internal Parameters the clients set themselves: `action` names the call, and a credential never goes into a URL. */
export const RESERVED_PARAMS: ReadonlySet<string> = new Set(['action', 'access_token']);

/** @internal What the shared machinery needs from a client's options. */
export interface TransportSettings {
  accountUrl: string;
  http: HttpSettings;
  minInterval: number;
  maxQueueWait: number;
  spacer: CallSpacer;
  signal?: AbortSignal | undefined;
}

/**
 * What {@link WorksectionClient} (OAuth tokens) and {@link WorksectionAdminClient} (the admin API key) share: sending
 * a call in the account's turn (spacing, `maxQueueWait`, abort), reading Worksection's envelope, downloads (streamed)
 * and uploads (multipart). Each client adds how it authenticates an exchange (`_exchange`) and which path it calls.
 * Not constructed directly.
 */
export abstract class AccountApiClient {
  /** The account the calls go to, e.g. `https://acc1234.worksection.com` (no trailing slash). */
  readonly accountUrl: string;
  /** @internal */
  readonly _http: HttpSettings;
  /** @internal */
  readonly _minInterval: number;
  /** @internal */
  readonly _maxQueueWait: number;
  /** @internal Spaces the calls to one account: Worksection's rate limit is per account, whichever API is called. */
  readonly _spacer: CallSpacer;
  /** @internal Aborts every call of this client (the `signal` option). */
  readonly _clientSignal: AbortSignal | undefined;

  /** @internal */
  constructor(settings: TransportSettings) {
    this.accountUrl = settings.accountUrl;
    this._http = settings.http;
    this._minInterval = settings.minInterval;
    this._maxQueueWait = settings.maxQueueWait;
    this._spacer = settings.spacer;
    this._clientSignal = settings.signal;
  }

  /** @internal A call's own signal joined with the client's (the `signal` option): either aborts the call. */
  _signalOf(callSignal: AbortSignal | undefined): AbortSignal | undefined {
    const own = this._clientSignal;
    if (own === undefined) return callSignal;
    return callSignal === undefined ? own : AbortSignal.any([own, callSignal]);
  }

  /** @internal Who the calls are made for: the account's turns are shared out between callers. */
  get _caller(): string {
    return '';
  }

  /** @internal The API's path under the account: `/api/oauth2` or `/api/admin/v2`. */
  abstract get _path(): string;

  /** @internal How messages name the API. */
  abstract get _apiName(): string;

  /**
   * @internal
   * Sends one exchange, authenticated: `send` is called in the account's turn with the credential to use, and may be
   * called again (the OAuth client replays once after a refresh). Resolves to the last answer and its credential.
   */
  abstract _exchange<A>(
    action: string,
    label: string,
    signal: AbortSignal | undefined,
    send: (credential: Credential) => Promise<A>,
    jsonOf: (answer: A) => JsonAnswer | undefined,
  ): Promise<{ answer: A; credential: Credential }>;

  /** @internal Reads an answer's envelope; the admin client turns a refused signature into its own error. */
  _read(answer: JsonAnswer, action: string, label: string, credential: Credential): unknown {
    return readEnvelope(answer, action, label, [...credential.secrets]);
  }

  /**
   * Like `call`, with the parameters always sent as a JSON body (a POST), and the answer untyped: for an action
   * or a parameter this package does not know yet. Worksection reads JSON bodies only (a form body is answered
   * "invalid JSON").
   */
  callJson<T = unknown>(action: string, body: Record<string, unknown>, options: { signal?: AbortSignal } = {}): Promise<T> {
    return this._jsonCall(action, body, options.signal) as Promise<T>;
  }

  /** @internal `callJson`, and `call` for a write: checks the body, then sends it as JSON. */
  _jsonCall(action: string, body: unknown, signal: AbortSignal | undefined): Promise<unknown> {
    if (!isRecord(body)) return Promise.reject(new WorksectionArgumentError('body', `${action}'s parameters must be a plain object.`));
    const reserved = Object.keys(body).find((name) => RESERVED_PARAMS.has(name));
    if (reserved !== undefined) return Promise.reject(reservedParam(reserved));
    return this._call(action, {}, body, signal);
  }

  /** @internal One call: `params` in the query string, `body` (if any) as JSON; resolves to the envelope's data. */
  async _call(action: string, params: ApiParams, body: Record<string, unknown> | undefined, callSignal?: AbortSignal): Promise<unknown> {
    // Awaited here so that a body JSON cannot hold (a cycle) rejects rather than throws.
    return await this._send(action, params, apiRequest(body), callSignal);
  }

  /** @internal Sends `request` for `action` (its turn, credential and abort) and reads the envelope of its JSON answer. */
  async _send(action: string, params: ApiParams, request: BytesRequest, callSignal: AbortSignal | undefined): Promise<unknown> {
    const signal = this._signalOf(callSignal);
    const url = this._url(action, params);
    const label = this._label(action);
    const sent = await this._exchange(
      action,
      label,
      signal,
      (credential) => requestBytes(url, withCredential(request, credential, signal), this._http, label),
      (answer) => (answer.streamed ? undefined : answer),
    );
    // Not streamed: `stream: false` reads every answer as JSON.
    return this._read(sent.answer as JsonAnswer, action, label, sent.credential);
  }

  /**
   * @internal
   * `download`: the file's bytes as a stream, through the same turn, credential and abort as any call. `body`: the
   * parameters as JSON (the admin API, as the official clients send it) rather than in the query string. A JSON
   * answer is Worksection's refusal (a typed error); a 2xx answer without a file name is not a file (an HTML page).
   */
  async _download(params: unknown, callSignal: AbortSignal | undefined, asJson: boolean): Promise<WorksectionDownload> {
    const signal = this._signalOf(callSignal);
    const id = isRecord(params) ? params.id_file : undefined;
    if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') {
      throw new WorksectionArgumentError('params', 'download needs { id_file }: the id of the file, as get_files lists it.');
    }
    const url = this._url('download', asJson ? {} : { id_file: String(id) });
    const label = this._label('download');
    const request: BytesRequest = asJson
      ? {
          method: 'POST',
          headers: { accept: '*/*', 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify({ id_file: String(id) }), 'utf8'),
          stream: true,
        }
      : { method: 'GET', headers: { accept: '*/*' }, stream: true };
    const sent = await this._exchange(
      'download',
      label,
      signal,
      (credential) => requestBytes(url, withCredential(request, credential, signal), this._http, label),
      (answer) => (answer.streamed ? undefined : answer),
    );
    if (!sent.answer.streamed) {
      const json = sent.answer;
      this._read(json, 'download', label, sent.credential);
      throw new WorksectionResponseError(`${label} answered JSON instead of the file. Check the id_file parameter.`, INVALID_RESPONSE, {
        status: json.status,
        ...(json.contentType !== undefined && { contentType: json.contentType }),
      });
    }
    const streamed = sent.answer;
    const fileName = fileNameOf(streamed.contentDisposition);
    if (fileName === undefined) {
      streamed.body.destroy();
      // Worksection names every file it sends; a 2xx answer without a name is someone else's page (a proxy's login).
      throw new WorksectionResponseError(
        `${label} answered HTTP ${streamed.status}${streamed.contentType ? ` (${streamed.contentType})` : ''} without a Content-Disposition file name: not a file. Check the accountUrl option.`,
        UNEXPECTED_CONTENT_TYPE,
        { status: streamed.status, ...(streamed.contentType !== undefined && { contentType: streamed.contentType }) },
      );
    }
    const size = /^\d{1,15}$/.test(streamed.contentLength ?? '') ? Number(streamed.contentLength) : undefined;
    return {
      fileName,
      contentType: streamed.contentType ?? 'application/octet-stream',
      ...(size !== undefined && { size }),
      stream: streamed.body,
    };
  }

  /** @internal `upload_files`: a `multipart/form-data` POST of `files[]` parts, through the same machinery as any call. */
  async _upload(params: unknown, callSignal: AbortSignal | undefined): Promise<unknown> {
    const files = isRecord(params) ? params.files : undefined;
    return await this._multipartCall('upload_files', {}, multipart(files as readonly UploadFile[]), callSignal);
  }

  /**
   * @internal
   * A `post_project`, `post_task` or `post_comment` with files in `attach`: as Worksection's FAQ shows it
   * (https://worksection.com/en/faq/api-files.html), the other parameters in the query string and the files as
   * `attach[0]`, `attach[1]`… parts of a `multipart/form-data` POST. A list or object parameter has no place in that
   * query string: it is refused rather than flattened into something Worksection would read differently.
   */
  async _attachCall(action: string, params: unknown, callSignal: AbortSignal | undefined): Promise<unknown> {
    if (!isRecord(params)) throw new WorksectionArgumentError('params', `${action}'s parameters must be a plain object.`);
    const { attach, ...rest } = params;
    const query: ApiParams = {};
    for (const [name, value] of Object.entries(rest)) {
      if (typeof value === 'object' && value !== null) {
        throw new WorksectionArgumentError(
          name,
          `${action} with attach sends its other parameters in the query string, where "${name}" (a list or object) cannot go: attach the files with a second call (files.upload() and files), or leave "${name}" out.`,
        );
      }
      if (value !== undefined) query[name] = value as string | number | boolean;
    }
    return await this._multipartCall(action, query, attachMultipart(attach as readonly UploadFile[], action), callSignal);
  }

  /** @internal One `multipart/form-data` POST: `params` in the query string, `parts` as its body. */
  _multipartCall(action: string, params: ApiParams, parts: Multipart, callSignal: AbortSignal | undefined): Promise<unknown> {
    const request: BytesRequest = {
      method: 'POST',
      headers: { 'content-type': parts.contentType },
      body: parts.body,
      stream: false,
      maxBytes: MAX_API_BODY_BYTES,
    };
    return this._send(action, params, request, callSignal);
  }

  /** @internal How messages name a call. */
  _label(action: string): string {
    return `Worksection's ${this._apiName} (${this.accountUrl}, action ${action})`;
  }

  /** @internal Builds the URL: the action and parameters in the query string, never a credential. */
  _url(action: string, params: ApiParams): string {
    if (typeof action !== 'string' || !/^[a-z][a-z0-9_]*$/i.test(action)) {
      throw new WorksectionArgumentError('action', 'The action must be a Worksection API action name such as "get_projects".');
    }
    if (!isRecord(params)) throw new WorksectionArgumentError('params', 'The params of a call must be a plain object.');
    const url = new URL(`${this.accountUrl}${this._path}`);
    url.searchParams.set('action', action);
    for (const [name, value] of Object.entries(params)) {
      if (RESERVED_PARAMS.has(name)) throw reservedParam(name);
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  /** @internal Waits for this account's turn (at most `maxQueueWait`), then runs `send`. */
  _sendInTurn<T>(label: string, signal: AbortSignal | undefined, send: () => Promise<T>): Promise<T> {
    const turn = { maxWait: this._maxQueueWait, caller: this._caller, ...(signal !== undefined && { signal }) };
    return this._spacer.schedule(
      this.accountUrl,
      this._minInterval,
      async () => {
        try {
          return await send();
        } catch (err) {
          // A 429 that is not JSON (a proxy's HTML page) is refused before its body is read: still the rate limit.
          if (err instanceof WorksectionResponseError && err.status === 429) throw rateLimitedPage(label, err.status);
          throw err;
        }
      },
      turn,
    );
  }
}

/** @internal The error for a parameter the client sets itself. */
export function reservedParam(name: string): WorksectionArgumentError {
  return new WorksectionArgumentError(
    'params',
    `The "${name}" parameter is set by the client (the credential goes in the Authorization header): remove it.`,
  );
}

/** The request of a call, before its credential: a GET, or a POST of `body` as JSON (serialised once, for a replay too). */
function apiRequest(body: Record<string, unknown> | undefined): BytesRequest {
  return body === undefined
    ? { method: 'GET', headers: {}, stream: false, maxBytes: MAX_API_BODY_BYTES }
    : {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify(body), 'utf8'),
        stream: false,
        maxBytes: MAX_API_BODY_BYTES,
      };
}

/** `request` with the credential in `Authorization` (never in the URL), and the call's signal. */
function withCredential(request: BytesRequest, credential: Credential, signal: AbortSignal | undefined): BytesRequest {
  return { ...request, headers: { ...request.headers, authorization: credential.authorization }, signal };
}
