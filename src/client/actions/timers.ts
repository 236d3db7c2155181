import type { WorksectionTask, WorksectionUserRef } from '../api-types';
import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import { asList, asOne } from './shape';
import type { WorksectionId, WorksectionOk } from './values';

/** A running timer. */
export interface WorksectionTimer {
  id: WorksectionId;
  /** Time so far, `H:MM:SS`. */
  time: string;
  date_started: string;
  user_from?: WorksectionUserRef | null;
  task?: WorksectionTask | null;
  [field: string]: unknown;
}

/** Parameters of `stop_timer`. */
export interface StopTimerParams {
  /** The timer, as `WorksectionTimer.id`. */
  timer: WorksectionId;
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
 * The Timers actions. `get_my_timer` answers the user's running timer, or an empty list when none runs.
 * (Worksection's official clients call `get_timers` and `stop_timer` with the account's admin key.)
 */
export interface TimerActions {
  get_timers: { params: Record<string, never>; result: WorksectionTimer[] };
  stop_timer: { params: StopTimerParams; result: WorksectionOk };
  get_my_timer: { params: Record<string, never>; result: WorksectionTimer | WorksectionTimer[] | null };
  start_my_timer: { params: StartMyTimerParams; result: WorksectionOk };
  stop_my_timer: { params: StopMyTimerParams; result: WorksectionOk };
  delete_my_timer: { params: Record<string, never>; result: WorksectionOk };
}

/** Running timers, the account's and the user's own: `client.timers`. */
export class TimersApi {
  /** @internal */
  constructor(private readonly client: ActionCaller) {}

  /** The account's running timers (`get_timers`; `costs_read`). */
  async list(options?: CallOptions): Promise<WorksectionList<WorksectionTimer>> {
    return asList('get_timers', await this.client.call('get_timers', {}, options));
  }

  /** Stops someone's timer (`stop_timer`; `costs_write`, inferred). */
  async stop(params: StopTimerParams, options?: CallOptions): Promise<void> {
    await this.client.call('stop_timer', params, options);
  }

  /** The signed-in user's running timer, or `null` (`get_my_timer`; `costs_read`). */
  async mine(options?: CallOptions): Promise<WorksectionTimer | null> {
    const data = await this.client.call('get_my_timer', {}, options);
    if (data === null || (Array.isArray(data) && data.length === 0)) return null;
    return asOne('get_my_timer', data);
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
