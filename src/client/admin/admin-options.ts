import { WorksectionConfigError } from '../../errors/config-error';
import type { NodeTransport } from '../../http/node-transport';
import type { FetchFunction } from '../../http/settings';
import type { TransportSettings } from '../account-api-client';
import type { CallSpacer } from '../call-spacer';
import { checkTransportOptions } from '../options';

/** Options of {@link WorksectionAdminClient}. */
export interface WorksectionAdminClientOptions {
  /** The account, e.g. `https://acc1234.worksection.com`. */
  accountUrl: string;
  /**
   * The account's admin API key (Account → Security → Admin API → Show API key; only the account owner sees it:
   * FAQ https://worksection.com/en/faq/api-start.html). It signs each call and is never sent, logged or put in a
   * message; keep it out of your code (an environment variable).
   */
  apiKey: string;
  /** Milliseconds for each HTTP exchange. Default 10000. */
  timeout?: number;
  /**
   * Minimum milliseconds between the starts of two calls to one account, from every client of this process, OAuth or
   * admin (calls wait their turn). Default 1000: Worksection allows about one request per second.
   */
  minInterval?: number;
  /** Longest wait, in milliseconds, for a call's turn in the account's queue; later: a WorksectionRateLimitError. Default 30000. */
  maxQueueWait?: number;
  /** A `fetch` for the admin API (it must honour `init.signal`). Default: the built-in node:http(s) transport. */
  fetch?: FetchFunction;
  /** The built-in transport's pool, when there is no `fetch`. Default: the shared `defaultNodeTransport`. */
  transport?: NodeTransport;
  /** Spaces the calls to one account. Default: `defaultCallSpacer`, shared with the OAuth clients of the process. */
  spacer?: CallSpacer;
  /**
   * A host besides Worksection's that `accountUrl` may be on (an emulator or a test server, plain HTTP on loopback).
   * Default: Worksection, where `accountUrl` must be `https://*.worksection.com`.
   */
  baseURL?: string;
}

/** @internal What the admin client's constructor derives from its options. */
export interface CheckedAdminOptions extends TransportSettings {
  apiKey: string;
}

/** @internal Checks the admin client's options; messages name the option, never the key's value. */
export function checkAdminOptions(given: unknown): CheckedAdminOptions {
  if (typeof given !== 'object' || given === null) {
    throw new WorksectionConfigError('options', 'new WorksectionAdminClient(options) needs an options object with accountUrl and apiKey.');
  }
  const options = given as Partial<WorksectionAdminClientOptions>;
  const { apiKey } = options;
  if (typeof apiKey !== 'string' || apiKey.trim() === '' || /\s/.test(apiKey)) {
    throw new WorksectionConfigError(
      'apiKey',
      "The apiKey option must be the account's admin API key, a string without spaces (Account → Security → Admin API → Show API key).",
    );
  }
  return { ...checkTransportOptions(options, {}, "The API key's signature"), apiKey };
}
