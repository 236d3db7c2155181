import type { EmulatorContext } from '../../context';
import type { EmulatorAccount } from '../../types';
import type { MultipartPart } from '../multipart';
import type { Params } from '../params';
import type { FileRecord, UserRecord } from '../store/records';
import type { ViewContext } from '../views';

/** Everything an action works from: the account's store, the member it acts as, the parameters. */
export interface ActionContext extends ViewContext {
  ctx: EmulatorContext;
  account: EmulatorAccount;
  /**
   * Which API the call came in on: `oauth` (`/api/oauth2`, a user's token) or `admin` (`/api/admin/v2`, the
   * account's API key, with no user behind it).
   */
  caller: 'oauth' | 'admin';
  /**
   * The member the call acts as where no `email_user_from` names one: the token's user over OAuth; with the admin
   * key, the account's owner (inferred: Worksection does not say whom a keyed write is recorded as).
   */
  me: UserRecord;
  p: Params;
  /** File parts of a `multipart/form-data` body. */
  files: MultipartPart[];
  /** The emulator clock's time of the call. */
  now: number;
  /** The comma list of `extra`. */
  extra: ReadonlySet<string>;
}

/**
 * The context of one call, on either API: derived from the account, its store, the acting member and the call's
 * parameters, the same way for a token's call and a keyed one.
 */
export function actionContext(
  ctx: EmulatorContext,
  account: EmulatorAccount,
  call: Pick<ActionContext, 'caller' | 'me' | 'p' | 'files'>,
): ActionContext {
  return {
    ctx,
    account,
    store: ctx.accountStores.get(account.id),
    accountUrl: ctx.accountUrl(account.id),
    ...call,
    now: ctx.clock.now(),
    extra: new Set(call.p.list('extra')),
  };
}

/** A successful answer: `{"status":"ok", …}`. */
export type Envelope = { status: 'ok' } & Record<string, unknown>;

/** The answer of `download`: the file's bytes, not JSON. */
export class FileAnswer {
  constructor(readonly file: FileRecord) {}
}

/**
 * An answer that needs a round trip first: `add_webhook` calls the hook's URL before it answers. Its promise
 * resolves to the envelope, or rejects with the {@link ApiError} to answer.
 */
export class LaterAnswer {
  constructor(readonly answer: Promise<Envelope>) {}
}

/** What an action answers. */
export type ActionResult = Envelope | FileAnswer | LaterAnswer;

/** One account-API action. Failures are thrown as {@link ApiError}s. */
export type ActionHandler = (c: ActionContext) => ActionResult;

/** `{"status":"ok"}`: what writes without a result answer. */
export const ok = (): Envelope => ({ status: 'ok' });
/** `{"status":"ok","data":…}`. */
export const okData = (data: unknown): Envelope => ({ status: 'ok', data });
/** `{"status":"ok","id":…}`: what `add_costs` and `add_webhook` answer, the id a number (collection: add_costs / success). */
export const okId = (id: number): Envelope => ({ status: 'ok', id });
