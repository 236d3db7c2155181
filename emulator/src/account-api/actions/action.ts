import type { EmulatorContext } from '../../context';
import type { EmulatorAccount } from '../../types';
import type { MultipartPart } from '../multipart';
import type { Params } from '../params';
import type { FileRecord, UserRecord } from '../store/records';
import type { ViewContext } from '../views';

/** Everything an action works from: the account's store, the signed-in member, the parameters. */
export interface ActionContext extends ViewContext {
  ctx: EmulatorContext;
  account: EmulatorAccount;
  /** The member the token belongs to. */
  me: UserRecord;
  p: Params;
  /** File parts of a `multipart/form-data` body. */
  files: MultipartPart[];
  /** The emulator clock's time of the call. */
  now: number;
  /** The comma list of `extra`. */
  extra: ReadonlySet<string>;
}

/** A successful answer: `{"status":"ok", …}`. */
export type Envelope = { status: 'ok' } & Record<string, unknown>;

/** The answer of `download`: the file's bytes, not JSON. */
export class FileAnswer {
  constructor(readonly file: FileRecord) {}
}

/** What an action answers. */
export type ActionResult = Envelope | FileAnswer;

/** One account-API action. Failures are thrown as {@link ApiError}s. */
export type ActionHandler = (c: ActionContext) => ActionResult;

/** `{"status":"ok"}`: what writes without a result answer. */
export const ok = (): Envelope => ({ status: 'ok' });
/** `{"status":"ok","data":…}`. */
export const okData = (data: unknown): Envelope => ({ status: 'ok', data });
/** `{"status":"ok","id":…}`: what `add_costs` and `add_webhook` answer, the id a number (collection: add_costs / success). */
export const okId = (id: number): Envelope => ({ status: 'ok', id });
