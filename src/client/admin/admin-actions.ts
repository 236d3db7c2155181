import type { WorksectionProject, WorksectionTask } from '../api-types';
import type { ArgsOf, ParamsOf, ResultOf, SharedActionMap } from '../actions/action-map';
import type { WorksectionComment, PostCommentParams } from '../actions/comments';
import type { AddCostsParams, CostActions } from '../actions/costs';
import type { PostProjectParams } from '../actions/projects';
import type { PostTaskParams } from '../actions/tasks';
import type { AdminTimerActions } from '../actions/timers';

// The admin API key has no user behind it, so the writes that record an author name one. Worksection's PHP SDK says
// it of add_costs ("required when use admin token, when use access token - will be set automatically":
// worksection/worksection-php-sdk `src/Entity/CostsEntity.php` @06b68895); the official clients list
// `email_user_from` as an optional parameter of post_project, post_task and post_comment (worksection/php-api-client
// `src/Resources/{Projects,Tasks,Comments}Resource.php`). With a token the author is the token's user (inferred).

/** Parameters of `post_project` on the admin API: who creates it may be named. */
export interface AdminPostProjectParams extends PostProjectParams {
  /** The author, by email (default: the account owner, inferred). */
  email_user_from?: string;
}

/** Parameters of `post_task` on the admin API: who creates it may be named. */
export interface AdminPostTaskParams extends PostTaskParams {
  /** The author, by email (default: the account owner, inferred). */
  email_user_from?: string;
}

/** Parameters of `post_comment` on the admin API: who writes it may be named. */
export interface AdminPostCommentParams extends PostCommentParams {
  /** The author, by email (default: the account owner, inferred). */
  email_user_from?: string;
}

/** Parameters of `add_costs` on the admin API: whose entry it is must be named. */
export interface AdminAddCostsParams extends AddCostsParams {
  /** Whose time or money it is, by email: required with the API key (worksection-php-sdk `CostsEntity.php`). */
  email_user_from: string;
}

/** The shared writes whose parameters the admin API extends with an author. */
type AuthoredActions = 'post_project' | 'post_task' | 'post_comment' | 'add_costs';

/**
 * Every action of the admin API ({@link WorksectionAdminClient}), with its parameters and what `admin.call()`
 * resolves to: the actions both APIs serve ({@link SharedActionMap}), the writes with their author, and the
 * account's timers (`get_timers`, `stop_timer`), which Worksection's official clients send with the admin key only.
 * Not here: `me` and the user's own timer (`get_my_timer`, `start_my_timer`, `stop_my_timer`, `delete_my_timer`),
 * which they send with a user's token only (worksection/php-api-client `src/Resources/UserResource.php`).
 */
export interface AdminActionMap extends Omit<SharedActionMap, AuthoredActions>, AdminTimerActions {
  post_project: { params: AdminPostProjectParams; result: WorksectionProject };
  post_task: { params: AdminPostTaskParams; result: WorksectionTask };
  post_comment: { params: AdminPostCommentParams; result: WorksectionComment };
  add_costs: { params: AdminAddCostsParams; result: ResultOf<CostActions, 'add_costs'> };
}

/** The name of one of the 58 admin-API actions. */
export type AdminActionName = keyof AdminActionMap;

/** The parameters of admin action `A`. */
export type AdminActionParams<A extends AdminActionName> = ParamsOf<AdminActionMap, A>;

/** What `admin.call(A, …)` resolves to. */
export type AdminActionResult<A extends AdminActionName> = ResultOf<AdminActionMap, A>;

/** The arguments of `admin.call(A, …)` after the action. */
export type AdminActionArgs<A extends AdminActionName> = ArgsOf<AdminActionMap, A>;
