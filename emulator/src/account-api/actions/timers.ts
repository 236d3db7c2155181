import { taskClosed, timerNotFound, timerNotStarted, timerStarted } from '../api-refusals';
import type { TimerRecord } from '../store/records';
import { myTimerView, timerView } from '../views';
import { ok, okData, type ActionContext, type ActionHandler } from './action';
import { requireTask } from './lookups';

/** Stops a timer and books its time as a cost line marked `is_timer`, as Worksection does. */
function stop(c: ActionContext, timer: TimerRecord, comment: string): void {
  c.store.state.timers = c.store.state.timers.filter((t) => t !== timer);
  const minutes = Math.max(1, Math.round((c.now - timer.started) / 60_000));
  c.store.state.costs.push({
    id: c.store.newId(),
    taskId: timer.taskId,
    userId: timer.userId,
    comment,
    minutes,
    money: 0,
    day: new Date(c.now).toISOString().slice(0, 10),
    isTimer: true,
    added: c.now,
  });
}

const mine = (c: ActionContext) => c.store.state.timers.find((t) => t.userId === c.me.id);

const getTimers: ActionHandler = (c) => okData(c.store.state.timers.map((t) => timerView(c, t, c.now)));

const stopTimer: ActionHandler = (c) => {
  const id = c.p.required('timer');
  const timer = c.store.state.timers.find((t) => t.id === id.trim());
  if (!timer) throw timerNotFound();
  stop(c, timer, '');
  return ok();
};

// Live answers the running timer as one object (collection: get_my_timer / success). With no timer the collection
// has no example: an empty list, which the official clients read as "none" (inferred).
const getMyTimer: ActionHandler = (c) => {
  const timer = mine(c);
  return okData(timer ? myTimerView(c, timer, c.now) : []);
};

const startMyTimer: ActionHandler = (c) => {
  const task = requireTask(c);
  if (task.status === 'done') throw taskClosed();
  const running = mine(c);
  if (running) throw timerStarted();
  c.store.state.timers.push({ id: c.store.newId(), taskId: task.id, userId: c.me.id, started: c.now });
  return ok();
};

const stopMyTimer: ActionHandler = (c) => {
  const timer = mine(c);
  if (!timer) throw timerNotStarted();
  stop(c, timer, c.p.text('comment') ?? '');
  return ok();
};

const deleteMyTimer: ActionHandler = (c) => {
  const timer = mine(c);
  if (!timer) throw timerNotStarted();
  c.store.state.timers = c.store.state.timers.filter((t) => t !== timer);
  return ok();
};

/** The timer actions. */
export const TIMER_ACTIONS = {
  get_timers: getTimers,
  stop_timer: stopTimer,
  get_my_timer: getMyTimer,
  start_my_timer: startMyTimer,
  stop_my_timer: stopMyTimer,
  delete_my_timer: deleteMyTimer,
} satisfies Record<string, ActionHandler>;
