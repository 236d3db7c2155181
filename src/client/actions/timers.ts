import type { WorksectionTask, WorksectionUserRef } from '../api-types';
import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import { asList, asOne } from './shape';
import type { WorksectionId, WorksectionOk } from './values';

/**
 * The signed-in user's running timer, as `get_my_timer` answers it: one object with no `id` and no `user_from` (the
 * timer is the token's user's), and `time` in seconds — the saved answer of the collection's "get_my_timer" request
 * (`{"time":4360,"date_started":…,"task":{…}}`). The account's timers (`get_timers`, admin API) look different:
 * {@link WorksectionTimer}.
 */
export interface WorksectionMyTimer {
  /** Seconds the timer has run, e.g. `4360`. */
  time: number;
  /** When it started, `YYYY-MM-DD HH:MM`. */
  date_started: string;
  task?: WorksectionTask | null;
  [field: string]: unknown;
}

/** Parameters of `start_my_timer`. */
export interface StartMyTimerParams {
  id_task: WorksectionId;
}

/** Parameters of `stop_my_timer`. */
export interface StopMyTimerParams {
  /** The comment of the time entry the timer becomes. */
  comment?: string;
}

/**
 * The user's own timer, OAuth only: Worksection's official clients send these with the user's token and never with the
 * admin key (worksection/php-api-client `src/Resources/UserResource.php`, `callUserAction`). `get_my_timer` answers
 * the running timer as one object (the collection's saved answer); what it answers when none runs is not published
 * (the helper takes `null`, an empty list or an empty object as "none").
 */
export interface MyTimerActions {
  get_my_timer: { params: Record<string, never>; result: WorksectionMyTimer | WorksectionMyTimer[] | null };
  start_my_timer: { params: StartMyTimerParams; result: WorksectionOk };
  stop_my_timer: { params: StopMyTimerParams; result: WorksectionOk };
  delete_my_timer: { params: Record<string, never>; result: WorksectionOk };
}

/**
 * The signed-in user's timer: `client.timers`. The account's timers (`get_timers`, `stop_timer`) are on the admin
 * API: {@link WorksectionAdminClient}'s `timers`.
 */
export class TimersApi {
  /** @internal */
  constructor(private readonly client: ActionCaller<MyTimerActions>) {}

  /** The signed-in user's running timer, or `null` (`get_my_timer`; `costs_read`, inferred). */
  async mine(options?: CallOptions): Promise<WorksectionMyTimer | null> {
    const data: unknown = await this.client.call('get_my_timer', {}, options);
    // No timer: the emulator answers an empty list; live Worksection's answer for it is not published.
    if (data === null || (Array.isArray(data) && data.length === 0)) return null;
    if (typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0) return null;
    return asOne('get_my_timer', data as WorksectionMyTimer);
  }

  /** Starts the user's timer on a task (`start_my_timer`; `costs_write`, inferred). */
  async start(params: StartMyTimerParams, options?: CallOptions): Promise<void> {
    await this.client.call('start_my_timer', params, options);
  }

  /** Stops the user's timer, recording its time (`stop_my_timer`; `costs_write`, inferred). */
  async stopMine(params: StopMyTimerParams = {}, options?: CallOptions): Promise<void> {
    await this.client.call('stop_my_timer', params, options);
  }

  /** Discards the user's timer without recording it (`delete_my_timer`; `costs_write`, inferred). */
  async discardMine(options?: CallOptions): Promise<void> {
    await this.client.call('delete_my_timer', {}, options);
  }
}

/**
 * A running timer of the account, as `get_timers` (admin API) lists it: the saved answer of the collection's
 * "get_timers" request (`{"id":"2918","time":"00:11:13","date_started":…,"user_from":{…},"task":{…}}`).
 */
export interface WorksectionTimer {
  id: WorksectionId;
  /** Time so far, `HH:MM:SS`, e.g. `"00:11:13"`. */
  time: string;
  /** When it started, `YYYY-MM-DD HH:MM`. */
  date_started: string;
  /** Whose timer it is. */
  user_from?: WorksectionUserRef | null;
  task?: WorksectionTask | null;
  [field: string]: unknown;
}

/** Parameters of `stop_timer`. */
export interface StopTimerParams {
  /** The timer, as `WorksectionTimer.id`. */
  timer: WorksectionId;
}

/**
 * The account's timers, admin API only: Worksection's official clients send them with the admin key alone
 * (worksection/php-api-client `src/Resources/TimersResource.php` and worksection/python-api-client
 * `worksection/resources/timers_resource.py`, through their admin call; the collection describes both as admin
 * methods).
 */
export interface AdminTimerActions {
  get_timers: { params: Record<string, never>; result: WorksectionTimer[] };
  stop_timer: { params: StopTimerParams; result: WorksectionOk };
}

/** The account's running timers: {@link WorksectionAdminClient}'s `timers`. */
export class AdminTimersApi {
  /** @internal */
  constructor(private readonly client: ActionCaller<AdminTimerActions>) {}

  /** Everyone's running timers (`get_timers`). */
  async list(options?: CallOptions): Promise<WorksectionList<WorksectionTimer>> {
    return asList('get_timers', await this.client.call('get_timers', {}, options));
  }

  /** Stops someone's timer, recording its time (`stop_timer`). */
  async stop(params: StopTimerParams, options?: CallOptions): Promise<void> {
    await this.client.call('stop_timer', params, options);
  }
}
