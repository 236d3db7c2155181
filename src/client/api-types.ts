// The shapes the account API's actions share (users, projects, tasks), as Worksection's docs and official clients
// describe them; each action group's own shapes are in ./actions/.
// Worksection adds fields over time (and per `extra` parameter): every shape keeps the others as `unknown`.

/** Parameters of a call of an action this package does not know: sent in the query string (`callJson`: a JSON body). */
export type ApiParams = Record<string, string | number | boolean | undefined>;

/** A user as the account API nests it in projects and tasks (`user_from`, `user_to`). */
export interface WorksectionUserRef {
  id: string;
  email: string;
  name: string;
  [field: string]: unknown;
}

/** A member of the account, as `get_users` lists them and `me` returns the signed-in one. */
export interface WorksectionUser {
  id: string;
  first_name: string;
  last_name: string;
  /** First and last name. */
  name: string;
  email: string;
  title?: string;
  /** URL of the avatar image. */
  avatar?: string;
  /** The team (company) the user belongs to in the account. */
  group?: string;
  department?: string;
  /** e.g. `owner`, `admin`, `user`. */
  role?: string;
  phone?: string;
  [field: string]: unknown;
}

/** What `me` resolves to: the signed-in user, richer than the sign-in profile (`/oauth2/resource`). */
export type WorksectionMe = WorksectionUser;

/** A project as `get_projects` lists it. */
export interface WorksectionProject {
  id: string;
  name: string;
  /** Path of the project in Worksection's web app, e.g. `/project/12345/`. */
  page: string;
  /** e.g. `active`, `pending`, `archive`. */
  status: string;
  company?: string;
  user_from?: WorksectionUserRef | null;
  user_to?: WorksectionUserRef | null;
  text?: string;
  /** `YYYY-MM-DD HH:MM`, in the account's time zone. */
  date_added?: string;
  date_end?: string;
  date_closed?: string;
  [field: string]: unknown;
}

/** A task as `get_tasks` lists it. */
export interface WorksectionTask {
  id: string;
  name: string;
  /** Path of the task in Worksection's web app, e.g. `/project/12345/67890/`. */
  page: string;
  /** e.g. `active`, `done`. */
  status: string;
  /** `"0"` to `"10"`. */
  priority?: string;
  user_from?: WorksectionUserRef | null;
  user_to?: WorksectionUserRef | null;
  project?: { id: string; name: string; page: string; [field: string]: unknown } | null;
  text?: string;
  date_added?: string;
  date_start?: string;
  date_end?: string;
  date_closed?: string;
  [field: string]: unknown;
}
