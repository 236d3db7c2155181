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
import type { MyTimerActions } from './timers';
import type { UserActions } from './users';
import type { WebhookActions } from './webhooks';

/**
 * The actions both Worksection APIs serve, the OAuth one ({@link WorksectionClient}) and the admin one
 * ({@link WorksectionAdminClient}), with their parameters as an OAuth token sends them (the admin client adds the
 * author, `email_user_from`, to a few writes).
 */
export interface SharedActionMap
  extends UserActions, ContactActions, ProjectActions, TaskActions, CommentActions, TagActions, CostActions, FileActions, WebhookActions {}

/**
 * Every account-API action an OAuth token can call, with the parameters it takes and what
 * `client.call(action, params)` resolves to, from Worksection's docs, its official clients and the collection's saved
 * answers. `ActionMap[A]` is defined for every {@link ActionName}: a name missing here does not compile. The account's
 * timers (`get_timers`, `stop_timer`) are not here: they are admin-API actions ({@link AdminActionMap}).
 */
export interface ActionMap extends SharedActionMap, SelfActions, MyTimerActions {}

/** The parameters of action `A` of the map `M`. */
export type ParamsOf<M, A extends keyof M> = M[A] extends { params: infer P } ? P : never;

/** What a call of action `A` of the map `M` resolves to. */
export type ResultOf<M, A extends keyof M> = M[A] extends { result: infer R } ? R : never;

/** The arguments of a call of action `A` of the map `M` after the action: the params (optional when none is required), then the options. */
export type ArgsOf<M, A extends keyof M> =
  Record<string, never> extends ParamsOf<M, A>
    ? [params?: ParamsOf<M, A>, options?: CallOptions]
    : [params: ParamsOf<M, A>, options?: CallOptions];

/** The parameters of action `A`. */
export type ActionParams<A extends ActionName> = ParamsOf<ActionMap, A>;

/** What `client.call(A, …)` resolves to. */
export type ActionResult<A extends ActionName> = ResultOf<ActionMap, A>;

/** The arguments of `client.call(A, …)` after the action: the params (optional when none is required), then the options. */
export type ActionArgs<A extends ActionName> = ArgsOf<ActionMap, A>;

/** @internal What the group helpers call: a client's typed `call`, seen through the map `M` of the helpers' actions. */
export interface ActionCaller<M> {
  call<A extends keyof M & string>(action: A, ...args: ArgsOf<M, A>): Promise<ResultOf<M, A>>;
}
