import { isRecord } from '../shared/is-record';

/** The actions that take files in `attach`, as Worksection's FAQ lists them (https://worksection.com/en/faq/api-files.html). */
const ATTACHING_ACTIONS: ReadonlySet<string> = new Set(['post_project', 'post_task', 'post_comment']);

/** @internal Whether a call sends `attach` files: one of the three actions, with an `attach` parameter set. */
export function attachesFiles(action: string, params: unknown): boolean {
  return ATTACHING_ACTIONS.has(action) && isRecord(params) && Object.hasOwn(params, 'attach') && params.attach !== undefined;
}
