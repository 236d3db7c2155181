import type { AccountState, EventRecord, ProjectRecord, TaskRecord, UserRecord } from './records';

const STATE_LISTS = [
  'users',
  'userGroups',
  'schedule',
  'contacts',
  'contactGroups',
  'projectGroups',
  'projects',
  'tasks',
  'comments',
  'tagGroups',
  'tags',
  'costs',
  'timers',
  'files',
  'webhooks',
  'customFields',
  'events',
] as const satisfies ReadonlyArray<keyof AccountState>;

/** Events older than this are dropped: `get_events` looks back at most 30 days. */
const EVENT_HORIZON_MS = 31 * 86_400_000;

/**
 * One emulated Worksection account: its records ({@link AccountState}, plain data) and the lookups the actions
 * share. Every action reads and writes `state` directly, so a write is visible to the next read.
 */
export class AccountStore {
  /**
   * Called with every event {@link AccountStore.log} records: how the emulator's webhooks see every write, whichever
   * action or page made it. Set by {@link AccountStores}; not part of the data.
   */
  onEvent: ((event: EventRecord) => void) | undefined;

  constructor(
    /** The account's records; plain data, safe to JSON.stringify. */
    readonly state: AccountState,
  ) {}

  /** A fresh id, unique within the account. */
  newId(): string {
    return String(this.state.nextId++);
  }

  /** The member with this id. */
  user(id: string | undefined): UserRecord | undefined {
    return id === undefined ? undefined : this.state.users.find((u) => u.id === id);
  }

  /** The member with this email, ignoring letter case (Worksection returns emails in any case). */
  userByEmail(email: string): UserRecord | undefined {
    const wanted = email.trim().toLowerCase();
    return this.state.users.find((u) => u.email.toLowerCase() === wanted);
  }

  /** The project with this id. */
  project(id: string | undefined): ProjectRecord | undefined {
    return id === undefined ? undefined : this.state.projects.find((p) => p.id === id);
  }

  /** The task or subtask with this id. */
  task(id: string | undefined): TaskRecord | undefined {
    return id === undefined ? undefined : this.state.tasks.find((t) => t.id === id);
  }

  /** The direct subtasks of a task. */
  children(taskId: string): TaskRecord[] {
    return this.state.tasks.filter((t) => t.parentId === taskId);
  }

  /** Records what happened, for `get_events`. */
  log(event: EventRecord): void {
    this.state.events.push(event);
    const horizon = event.at - EVENT_HORIZON_MS;
    if (this.state.events[0] && this.state.events[0].at < horizon) this.state.events = this.state.events.filter((e) => e.at >= horizon);
    this.onEvent?.(event);
  }

  /**
   * Adds `count` plain active tasks to a project (default: the account's first), directly, without HTTP: how a
   * test reaches Worksection's 10,000-record cap cheaply. Returns the new ids.
   */
  addTasks(count: number, options: { projectId?: string; at?: number } = {}): string[] {
    if (!Number.isSafeInteger(count) || count < 0 || count > 1_000_000)
      throw new RangeError('addTasks: count must be an integer from 0 to 1,000,000');
    const project = options.projectId === undefined ? this.state.projects[0] : this.project(options.projectId);
    if (!project) throw new RangeError(`addTasks: the account has no project ${options.projectId ?? ''}`.trim());
    const owner = this.state.users[0]?.id ?? '';
    const at = options.at ?? Date.now();
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const id = this.newId();
      ids.push(id);
      this.state.tasks.push({
        id,
        projectId: project.id,
        parentId: '',
        name: `Generated task ${id}`,
        status: 'active',
        priority: 0,
        fromId: owner,
        toId: 'NOONE',
        text: '',
        added: at,
        dateStart: '',
        dateEnd: '',
        closed: null,
        maxTime: '',
        maxMoney: '',
        hidden: false,
        todo: [],
        tagIds: [],
        subscriberIds: [],
        fileIds: [],
      });
    }
    return ids;
  }

  /*
   * What members do on Worksection's own pages and the account API cannot do (it has no action to delete a task or
   * to edit or delete a comment), and the webhook events those make (delete_task, update_comment, delete_comment).
   */

  /** Deletes a task (its subtasks and comments with it) as `userId` on Worksection's page would; false when there is none. */
  deleteTask(taskId: string, userId: string, at: number = Date.now()): boolean {
    const task = this.task(taskId);
    if (!task) return false;
    const gone = new Set([task.id, ...this.children(task.id).map((t) => t.id)]);
    this.state.tasks = this.state.tasks.filter((t) => !gone.has(t.id));
    this.state.comments = this.state.comments.filter((c) => !gone.has(c.taskId));
    const page = `/project/${task.projectId}/${task.id}/`;
    this.log({ action: 'delete', objectType: 'task', objectId: task.id, page, projectId: task.projectId, userId, at, changed: [] });
    return true;
  }

  /** Changes a comment's text as `userId` on Worksection's page would; false when there is no such comment. */
  editComment(commentId: string, text: string, userId: string, at: number = Date.now()): boolean {
    const comment = this.state.comments.find((c) => c.id === commentId);
    const task = comment && this.task(comment.taskId);
    if (!comment || !task) return false;
    const before = comment.text;
    comment.text = text;
    const page = `/project/${task.projectId}/${task.id}/#com${comment.id}`;
    this.log({
      action: 'update',
      objectType: 'comment',
      objectId: comment.id,
      page,
      projectId: task.projectId,
      userId,
      at,
      changed: [['text', before, text]],
    });
    return true;
  }

  /** Deletes a comment as `userId` on Worksection's page would; false when there is no such comment. */
  deleteComment(commentId: string, userId: string, at: number = Date.now()): boolean {
    const comment = this.state.comments.find((c) => c.id === commentId);
    const task = comment && this.task(comment.taskId);
    if (!comment || !task) return false;
    this.state.comments = this.state.comments.filter((c) => c.id !== commentId);
    const page = `/project/${task.projectId}/${task.id}/#com${comment.id}`;
    this.log({ action: 'delete', objectType: 'comment', objectId: comment.id, page, projectId: task.projectId, userId, at, changed: [] });
    return true;
  }

  /** The account as plain data (a deep copy): what {@link AccountStore.fromJSON} restores. */
  toJSON(): AccountState {
    return structuredClone(this.state);
  }

  /** Restores an account saved with {@link AccountStore.toJSON}; throws a TypeError on anything else. */
  static fromJSON(json: unknown): AccountStore {
    if (typeof json !== 'object' || json === null) throw new TypeError('AccountStore.fromJSON: not an object');
    const candidate = json as Partial<Record<keyof AccountState, unknown>>;
    if (typeof candidate.nextId !== 'number' || !Number.isSafeInteger(candidate.nextId))
      throw new TypeError('AccountStore.fromJSON: nextId must be an integer');
    for (const list of STATE_LISTS) {
      if (!Array.isArray(candidate[list])) throw new TypeError(`AccountStore.fromJSON: ${list} must be an array`);
    }
    return new AccountStore(structuredClone(json as AccountState));
  }
}
