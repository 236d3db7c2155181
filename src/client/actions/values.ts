// Value types the account API's parameters and answers share. Worksection sends every id as a string and reads
// dates as `DD.MM.YYYY`; its answers carry more fields than its docs list (and more again per `extra`), so every
// answer shape keeps the others as `unknown`.

/** An id as Worksection sends it: a string of digits, e.g. `"1001"`. */
export type WorksectionId = string;

/** A date as Worksection reads it in parameters: `DD.MM.YYYY`, e.g. `"31.12.2026"`. */
export type WorksectionDate = string;

/** A yes/no parameter: Worksection reads `1` as yes. */
export type WorksectionFlag = 0 | 1;

/** What a write that returns nothing resolves to through `call`: the answer's fields besides `status` (often none). */
export interface WorksectionOk {
  [field: string]: unknown;
}

/** A custom field's definition (`get_project_custom_fields`, `get_task_custom_fields`). */
export interface WorksectionCustomField {
  id: WorksectionId;
  /** e.g. `string`, `number`, `date`, `select`. */
  type: string;
  name: string;
  descr?: string;
  /** The choices of a `select` field. */
  options?: unknown[];
  [field: string]: unknown;
}

/** A custom field's value on a project or a task (with `extra=custom_fields`). */
export interface WorksectionCustomValue {
  id: WorksectionId;
  type: string;
  name: string;
  value: unknown;
  [field: string]: unknown;
}
