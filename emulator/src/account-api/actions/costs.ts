import { fieldInvalid, fieldRequired, taskClosed } from '../api-refusals';
import { formatMinutes, formatMoney, parseTimeParam } from '../dates';
import { compileFilter, type FilterFieldType } from '../filter-query';
import type { CostRecord } from '../store/records';
import { costView } from '../views';
import { ok, okId, type ActionContext, type ActionHandler, type Envelope } from './action';
import { memberByEmail, requireProject, requireTask } from './lookups';

const COST_FILTER_FIELDS: ReadonlyMap<string, FilterFieldType> = new Map<string, FilterFieldType>([
  ['id', 'int'],
  ['task', 'int'],
  ['project', 'int'],
  ['comment', 'string'],
  ['dateadd', 'date'],
  ['date_added', 'date'],
]);

function selectCosts(c: ActionContext): CostRecord[] {
  const { p } = c;
  let costs = c.store.state.costs;
  if (p.text('id_project') !== undefined) {
    const project = requireProject(c);
    costs = costs.filter((x) => c.store.task(x.taskId)?.projectId === project.id);
  }
  if (p.text('id_task') !== undefined) {
    const task = requireTask(c);
    // A task's costs include its subtasks' (Worksection totals them up the tree).
    costs = costs.filter((x) => x.taskId === task.id || c.store.task(x.taskId)?.parentId === task.id);
  }
  const [start, end] = [p.day('datestart'), p.day('dateend')];
  if (start !== undefined) costs = costs.filter((x) => x.day >= start);
  if (end !== undefined) costs = costs.filter((x) => x.day <= end);
  const isTimer = p.text('is_timer');
  if (isTimer !== undefined) costs = costs.filter((x) => x.isTimer === (isTimer === '1'));
  const filter = p.text('filter');
  if (filter !== undefined) {
    costs = costs.filter(
      compileFilter<CostRecord>(filter, COST_FILTER_FIELDS, (x, field) => {
        if (field === 'id' || field === 'task') return Number(x.taskId);
        if (field === 'project') return Number(c.store.task(x.taskId)?.projectId ?? NaN);
        if (field === 'comment') return x.comment;
        return x.day;
      }),
    );
  }
  return costs;
}

function total(costs: CostRecord[]) {
  return {
    time: formatMinutes(costs.reduce((sum, x) => sum + x.minutes, 0)),
    money: formatMoney(costs.reduce((sum, x) => sum + x.money, 0)),
  };
}

const getCosts: ActionHandler = (c) => {
  const costs = selectCosts(c);
  return { status: 'ok', data: costs.map((x) => costView(c, x)), total: total(costs) };
};

const getCostsTotal: ActionHandler = (c) => {
  const costs = selectCosts(c);
  const answer: Envelope = { status: 'ok', total: total(costs) };
  // Worksection: extra=projects adds per-project totals (and per month); tasks adds per-task ones. Ignored with id_task.
  if (c.extra.has('projects') && c.p.text('id_task') === undefined) {
    const projects = Object.create(null) as Record<string, unknown>;
    for (const project of c.store.state.projects) {
      const mine = costs.filter((x) => c.store.task(x.taskId)?.projectId === project.id);
      if (mine.length === 0) continue;
      const monthly = Object.create(null) as Record<string, unknown>;
      for (const month of [...new Set(mine.map((x) => x.day.slice(0, 7)))].sort().reverse())
        monthly[month] = total(mine.filter((x) => x.day.startsWith(month)));
      const entry: Record<string, unknown> = {
        ...total(mine),
        monthly,
        id: project.id,
        name: project.name,
        page: `/project/${project.id}/`,
      };
      if (c.extra.has('tasks') || c.extra.has('tasks_top_level')) {
        const tasks = Object.create(null) as Record<string, unknown>;
        for (const task of c.store.state.tasks.filter((t) => t.projectId === project.id)) {
          if (c.extra.has('tasks_top_level') && task.parentId !== '') continue;
          const own = mine.filter(
            (x) => x.taskId === task.id || (c.extra.has('tasks_top_level') && c.store.task(x.taskId)?.parentId === task.id),
          );
          if (own.length > 0)
            tasks[task.id] = {
              ...total(own),
              id: task.id,
              name: task.name,
              page: `/project/${project.id}/${task.id}/`,
              status: task.status,
              priority: String(task.priority),
            };
        }
        entry.tasks = tasks;
      }
      projects[project.id] = entry;
    }
    answer.projects = projects;
  }
  return answer;
};

function moneyParam(c: ActionContext): number | undefined {
  const value = c.p.text('money')?.trim();
  if (value === undefined) return undefined;
  if (!/^-?\d{1,9}([.,]\d{1,2})?$/.test(value)) throw fieldInvalid('money', 'a number with up to two decimals expected');
  return Number(value.replace(',', '.'));
}

const addCosts: ActionHandler = (c) => {
  const task = requireTask(c);
  if (task.status === 'done') throw taskClosed();
  const time = c.p.text('time');
  const minutes = time === undefined ? 0 : parseTimeParam('time', time);
  const user = memberByEmail(c, 'email_user_from') ?? c.me;
  // is_rate=1: the money is the time at the user's hourly rate.
  const money = c.p.flag('is_rate') ? Math.round((minutes / 60) * user.rate * 100) / 100 : moneyParam(c);
  if (time === undefined && money === undefined) throw fieldRequired('time or money');
  const cost: CostRecord = {
    id: c.store.newId(),
    taskId: task.id,
    userId: user.id,
    comment: c.p.text('comment') ?? '',
    minutes,
    money: money ?? 0,
    day: c.p.day('date') ?? new Date(c.now).toISOString().slice(0, 10),
    isTimer: false,
    added: c.now,
  };
  c.store.state.costs.push(cost);
  return okId(Number(cost.id));
};

function requireCost(c: ActionContext): CostRecord {
  const id = c.p.required('id_costs');
  const cost = c.store.state.costs.find((x) => x.id === id.trim());
  // Worksection documents no code for an unknown cost line; the emulator's guess is code 10's "invalid" form.
  if (!cost) throw fieldInvalid('id_costs', `no cost line ${id.slice(0, 40)}`);
  return cost;
}

const updateCosts: ActionHandler = (c) => {
  const cost = requireCost(c);
  const time = c.p.text('time');
  const minutes = time === undefined ? undefined : parseTimeParam('time', time);
  const user = c.store.user(cost.userId) ?? c.me;
  const money = c.p.flag('is_rate') ? Math.round(((minutes ?? cost.minutes) / 60) * user.rate * 100) / 100 : moneyParam(c);
  const day = c.p.day('date');
  if (minutes !== undefined) cost.minutes = minutes;
  if (money !== undefined) cost.money = money;
  if (day !== undefined) cost.day = day;
  const comment = c.p.text('comment');
  if (comment !== undefined) cost.comment = comment;
  return ok();
};

const deleteCosts: ActionHandler = (c) => {
  const cost = requireCost(c);
  c.store.state.costs = c.store.state.costs.filter((x) => x !== cost);
  return ok();
};

/** The cost actions. */
export const COST_ACTIONS = {
  get_costs: getCosts,
  get_costs_total: getCostsTotal,
  add_costs: addCosts,
  update_costs: updateCosts,
  delete_costs: deleteCosts,
} satisfies Record<string, ActionHandler>;
