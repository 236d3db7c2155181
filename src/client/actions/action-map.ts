import type { ActionName } from '../../oauth/action-scopes';
import type { CallOptions } from '../options';
import type { CommentActions } from './comments';
import type { ContactActions } from './contacts';
import type { CostActions } from './costs';
import type { FileActions } from './files';
import type { ProjectActions } from './projects';
import type { SelfActions } from './self';
import type { TagActions } from './tags';
import type { TaskActions } from './tasks';
import type { TimerActions } from './timers';
import type { UserActions } from './users';
import type { WebhookActions } from './webhooks';

/**
 * Every account-API action with the parameters it takes and what `client.call(action, params)` resolves to, from
 * Worksection's docs and its official clients. `ActionMap[A]` is defined for every {@link ActionName}: a name
 * missing here does not compile.
 */
export interface ActionMap
  extends
    SelfActions,
    UserActions,
    ContactActions,
    ProjectActions,
    TaskActions,
    CommentActions,
    TagActions,
    CostActions,
    TimerActions,
    FileActions,
    WebhookActions {}

/** The parameters of action `A`. */
export type ActionParams<A extends ActionName> = ActionMap[A]['params'];

/** What `client.call(A, …)` resolves to. */
export type ActionResult<A extends ActionName> = ActionMap[A]['result'];

/** The arguments of `client.call(A, …)` after the action: the params (optional when none is required), then the options. */
export type ActionArgs<A extends ActionName> =
  Record<string, never> extends ActionParams<A>
    ? [params?: ActionParams<A>, options?: CallOptions]
    : [params: ActionParams<A>, options?: CallOptions];

/** @internal What the group helpers call: the client's typed `call`. */
export interface ActionCaller {
  call<A extends ActionName>(action: A, ...args: ActionArgs<A>): Promise<ActionResult<A>>;
}
