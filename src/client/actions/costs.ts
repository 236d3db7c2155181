import type { WorksectionTask, WorksectionUserRef } from '../api-types';
import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import { asId, asList, asOne } from './shape';
import type { WorksectionDate, WorksectionFlag, WorksectionId, WorksectionOk } from './values';

/** A time or money entry on a task (`get_costs`). */
export interface WorksectionCost {
  id: WorksectionId;
  comment?: string;
  /** Time spent, `H:MM`. */
  time?: string;
  money?: string;
  date: string;
  /** `1` when a timer recorded it. */
  is_timer?: boolean | number;
  user_from?: WorksectionUserRef | null;
  task?: WorksectionTask | null;
  [field: string]: unknown;
}

/** Parameters of `get_costs`: which entries. */
export interface GetCostsParams {
  id_project?: WorksectionId;
  id_task?: WorksectionId;
  datestart?: WorksectionDate;
  dateend?: WorksectionDate;
  /** `1`: timer entries only; `0`: manual entries only. */
  is_timer?: WorksectionFlag;
  /** Worksection's query language, e.g. `dateadd > '01.01.2026'`. */
  filter?: string;
}

/** Parameters of `get_costs_total`. */
export interface GetCostsTotalParams extends GetCostsParams {
  /** Breakdowns, comma-separated: `projects`, `tasks`, `tasks_top_level`. */
  extra?: string;
}

/** A task's totals (`get_costs_total` with `extra=projects,tasks`). */
export interface WorksectionCostTask {
  id: WorksectionId;
  name: string;
  page?: string;
  time?: string;
  money?: string;
  [field: string]: unknown;
}

/**
 * A project's totals (`get_costs_total` with `extra=projects`). `tasks` (with `extra=tasks`) comes keyed by task id or
 * as a list; `costs.total()` always gives a list.
 */
export interface WorksectionCostProject<Tasks = WorksectionCostTask[] | Record<string, WorksectionCostTask>> {
  id: WorksectionId;
  name: string;
  page?: string;
  time?: string;
  money?: string;
  /** Per month (`YYYY-MM`), its time and money. */
  monthly?: Record<string, { time?: string; money?: string; [field: string]: unknown }>;
  tasks?: Tasks;
  [field: string]: unknown;
}

/**
 * What `get_costs_total` answers: `{"status":"ok","total":{…}}`, with `projects` keyed by project id or as a list
 * (Worksection's PHP client reads either, its Python client a list).
 */
export interface WorksectionCostTotal {
  total: { time?: string; money?: string; [field: string]: unknown };
  projects?: WorksectionCostProject[] | Record<string, WorksectionCostProject>;
  [field: string]: unknown;
}

/** What `costs.total()` resolves to: the totals, with `projects` and their `tasks` as lists whichever way they came. */
export interface WorksectionCostTotals {
  total: { time?: string; money?: string; [field: string]: unknown };
  projects: Array<WorksectionCostProject<WorksectionCostTask[]>>;
}

/** What `add_costs` and `update_costs` may set. */
export interface CostFields {
  /** Time spent: `H:MM`, or hours with a decimal point or comma (`1.5`, `1,5`), as Worksection documents it. */
  time?: string | number;
  /** Money spent, in the account's currency. */
  money?: string | number;
  /** `1`: `money` is an hourly rate, multiplied by `time`. */
  is_rate?: WorksectionFlag;
  comment?: string;
  date?: WorksectionDate;
}

/** Parameters of `add_costs`: `time`, `money` or both. */
export interface AddCostsParams extends CostFields {
  id_task: WorksectionId;
}

/** Parameters of `update_costs`. */
export interface UpdateCostsParams extends CostFields {
  id_costs: WorksectionId;
}

/** Parameters of `delete_costs`. */
export interface DeleteCostsParams {
  id_costs: WorksectionId;
}

/** The Costs actions. `add_costs` answers `{"status":"ok","id":…}`: `call` resolves to `{ id }`. */
export interface CostActions {
  get_costs: { params: GetCostsParams; result: WorksectionCost[] };
  get_costs_total: { params: GetCostsTotalParams; result: WorksectionCostTotal };
  add_costs: { params: AddCostsParams; result: { id: WorksectionId | number; [field: string]: unknown } };
  update_costs: { params: UpdateCostsParams; result: WorksectionOk };
  delete_costs: { params: DeleteCostsParams; result: WorksectionOk };
}

/**
 * Time and money entries: `client.costs`. `Add` is what `add()` takes: the admin client's needs whose entry it is
 * (`email_user_from`).
 */
export class CostsApi<Add extends AddCostsParams = AddCostsParams> {
  /** @internal */
  constructor(private readonly client: ActionCaller<CostActions>) {}

  /** Time and money entries (`get_costs`; `costs_read`). */
  async list(params: GetCostsParams = {}, options?: CallOptions): Promise<WorksectionList<WorksectionCost>> {
    return asList('get_costs', await this.client.call('get_costs', params, options));
  }

  /** Totals, and with `extra` per project and task (`get_costs_total`; `costs_read`). */
  async total(params: GetCostsTotalParams = {}, options?: CallOptions): Promise<WorksectionCostTotals> {
    const answer = asOne('get_costs_total', await this.client.call('get_costs_total', params, options));
    const projects = listOf(answer.projects).map(({ tasks, ...project }) =>
      tasks === undefined ? project : { ...project, tasks: listOf(tasks) },
    );
    return { total: answer.total, projects };
  }

  /** Adds an entry to a task and resolves to its id (`add_costs`; `costs_write`). */
  async add(params: Add, options?: CallOptions): Promise<{ id: WorksectionId }> {
    return { id: asId('add_costs', await this.client.call('add_costs', params, options)) };
  }

  /** Changes an entry (`update_costs`; `costs_write`). */
  async update(params: UpdateCostsParams, options?: CallOptions): Promise<void> {
    await this.client.call('update_costs', params, options);
  }

  /** Deletes an entry (`delete_costs`; `costs_write`). */
  async delete(params: DeleteCostsParams, options?: CallOptions): Promise<void> {
    await this.client.call('delete_costs', params, options);
  }
}

/** Records keyed by id, or a list of them, as a list. */
function listOf<T>(records: T[] | Record<string, T> | undefined): T[] {
  if (records === undefined) return [];
  return Array.isArray(records) ? records : Object.values(records);
}
