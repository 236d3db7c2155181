import type { Request } from 'express';
import type { ServerResponse } from 'node:http';
import type { StateVerdict } from '../core/sign-in-flow';
import { isRecord } from '../shared/is-record';
import type { StateStore, StateStoreMeta, StateStoreStoreCallback, StateStoreVerifyCallback } from './types';

/**
 * @internal
 * Asks a passport-oauth2 state store (`state: 'session'`, `store: true` or the app's own) for a new state, calling
 * `store()` with the arguments its declared arity asks for, as passport-oauth2 does: `(req, verifier, appState,
 * meta, cb)`, `(req, appState, meta, cb)`, `(req, meta, cb)` or `(req, cb)`.
 */
export function storeState(
  store: StateStore,
  req: Request,
  verifier: string | undefined,
  appState: unknown,
  meta: StateStoreMeta,
): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const done: StateStoreStoreCallback = (err, state) => (err ? reject(err) : resolve(state));
    const call = store.store as (...args: unknown[]) => void;
    switch (call.length) {
      case 5:
        call.call(store, req, verifier, appState, meta, done);
        break;
      case 4:
        call.call(store, req, appState, meta, done);
        break;
      case 3:
        call.call(store, req, meta, done);
        break;
      default:
        call.call(store, req, done);
    }
  });
}

/**
 * @internal
 * Asks a passport-oauth2 state store whether `state` is one it issued: `verify(req, state, meta, cb)` or
 * `verify(req, state, cb)`. A string `ok` is the PKCE verifier; the third argument, app state kept by a
 * `store: true` store, becomes `authInfo.state`.
 */
export function verifyState(store: StateStore, req: Request, state: string | undefined, meta: StateStoreMeta): Promise<StateVerdict> {
  return new Promise((resolve, reject) => {
    const done: StateStoreVerifyCallback = (err, ok, info) => {
      if (err) reject(err);
      else if (!ok)
        resolve({ ok: false, ...(isRecord(info) && typeof info.message === 'string' && { info: info as { message: string } }) });
      else resolve({ ok: true, codeVerifier: typeof ok === 'string' ? ok : undefined, appState: info });
    };
    const call = store.verify as (...args: unknown[]) => void;
    if (call.length === 4) call.call(store, req, state, meta, done);
    else call.call(store, req, state, done);
  });
}

/** @internal Adds `Set-Cookie` headers to the response, keeping those already set. */
export function appendSetCookies(res: ServerResponse | undefined, values: readonly string[]): void {
  if (res === undefined || res.headersSent || values.length === 0) return;
  const previous = res.getHeader('set-cookie');
  if (previous === undefined) res.setHeader('set-cookie', values);
  else res.setHeader('set-cookie', [...(Array.isArray(previous) ? previous : [String(previous)]), ...values]);
}
