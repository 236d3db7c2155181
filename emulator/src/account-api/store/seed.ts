import { seedTime } from '../dates';
import type { DemoAccountData } from '../../directory/demo';
import type { EmulatorAccount, EmulatorUser } from '../../types';
import type { AccountState, CustomFieldRecord } from './records';

const MINUTE = 60_000;

// Worksection accounts come with custom fields only if someone defines them; one of each kind makes the
// custom-field reads return something to parse.
const CUSTOM_FIELDS: CustomFieldRecord[] = [
  { id: '80', scope: 'task', type: 'select', name: 'Effort', descr: 'Rough size of the work', options: ['S', 'M', 'L'] },
  { id: '81', scope: 'task', type: 'string', name: 'Ticket', descr: 'Helpdesk ticket number', options: [] },
  { id: '82', scope: 'project', type: 'string', name: 'Contract', descr: 'Contract number', options: [] },
];

function minutesOf(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 60 + Number(m);
}

/**
 * The starting state of an account: its directory members (the first one is the owner, as whoever created a
 * Worksection account is) and its demo data, with a running timer and a few recent events relative to `now` so
 * that `get_timers` and `get_events` have something to show.
 */
export function seedAccountState(
  account: EmulatorAccount,
  members: EmulatorUser[],
  demo: DemoAccountData | undefined,
  now: number,
): AccountState {
  const memberIds = new Set(members.map((m) => m.id));
  const known = (id: string) => (memberIds.has(id) ? id : '');
  const d = demo ?? { projects: [], tasks: [] };
  const state: AccountState = {
    nextId: 0,
    users: members.map((m, i) => ({
      id: m.id,
      email: m.email,
      firstName: m.firstName,
      lastName: m.lastName,
      title: m.title ?? '',
      phone: m.phone ?? '',
      role: i === 0 ? 'owner' : 'user',
      department: '',
      groupId: d.userGroups?.find((g) => g.memberIds.includes(m.id))?.id ?? '',
      rate: 50,
    })),
    userGroups: (d.userGroups ?? []).map((g) => ({ id: g.id, title: g.title, client: false })),
    schedule: members[1] ? [{ userId: members[1].id, day: '2023-12-25', value: 'vacation' }] : [],
    contacts: (d.contacts ?? []).map((c) => {
      const [first = '', ...rest] = c.name.split(' ');
      return {
        id: c.id,
        firstName: first,
        lastName: rest.join(' '),
        email: c.email,
        title: c.title,
        phone: c.phone,
        phone2: '',
        phone3: '',
        address: '',
        address2: '',
        groupId: c.groupId,
        added: now,
      };
    }),
    contactGroups: (d.contactGroups ?? []).map((g) => ({ ...g })),
    projectGroups: (d.projectGroups ?? []).map((g) => ({ ...g })),
    projects: d.projects.map((p) => ({
      id: p.id,
      name: p.name,
      status: p.status,
      text: p.text,
      fromId: known(p.ownerId),
      managerId: known(p.ownerId),
      groupId: p.groupId ?? '',
      company: account.name,
      added: seedTime(p.dateAdded),
      dateStart: '',
      dateEnd: p.dateEnd ?? '',
      closed: p.status === 'archive' ? seedTime(p.dateAdded) : null,
      maxTime: '',
      maxMoney: '',
      memberIds: [...new Set([p.ownerId, ...(p.memberIds ?? [])])].filter((id) => memberIds.has(id)),
      tagIds: [...(p.tagIds ?? [])],
      options: [],
    })),
    tasks: d.tasks.map((t) => ({
      id: t.id,
      projectId: t.projectId,
      parentId: t.parentId ?? '',
      name: t.name,
      status: t.status,
      priority: t.priority,
      fromId: known(t.fromId),
      toId: known(t.toId) || 'NOONE',
      text: t.text,
      added: seedTime(t.dateAdded),
      dateStart: '',
      dateEnd: t.dateEnd ?? '',
      closed: t.status === 'done' ? seedTime(`${t.dateEnd ?? t.dateAdded.slice(0, 10)} 18:00`) : null,
      maxTime: '',
      maxMoney: '',
      hidden: false,
      todo: [],
      tagIds: [...(t.tagIds ?? [])],
      subscriberIds: [...(t.subscriberIds ?? [])],
      fileIds: (d.files ?? []).filter((f) => f.taskId === t.id).map((f) => f.id),
    })),
    comments: (d.comments ?? []).map((c) => ({
      id: c.id,
      taskId: c.taskId,
      text: c.text,
      fromId: known(c.fromId),
      added: seedTime(c.dateAdded),
      hidden: false,
      fileIds: [],
    })),
    tagGroups: (d.tagGroups ?? []).map((g) => ({ id: g.id, scope: g.scope, title: g.title, type: g.type, access: 'public' as const })),
    tags: (d.tagGroups ?? []).flatMap((g) => g.tags.map((t) => ({ ...t, scope: g.scope, groupId: g.id }))),
    costs: (d.costs ?? []).map((c) => ({
      id: c.id,
      taskId: c.taskId,
      userId: known(c.userId),
      comment: c.comment,
      minutes: minutesOf(c.time),
      money: c.money,
      day: c.date,
      isTimer: false,
      added: seedTime(`${c.date} 18:00`),
    })),
    timers: [],
    files: (d.files ?? []).map((f) => {
      const bytes = Buffer.from(f.text, 'utf8');
      return {
        id: f.id,
        name: f.name,
        contentType: f.contentType,
        base64: bytes.toString('base64'),
        size: bytes.length,
        userId: known(f.userId),
        added: seedTime(f.dateAdded),
        taskId: f.taskId,
        commentId: '',
        attached: true,
      };
    }),
    webhooks: [],
    customFields: CUSTOM_FIELDS.map((f) => ({ ...f, options: [...f.options] })),
    events: [],
  };
  // Someone other than the owner (who signs in first in the demo) has a timer running, so get_timers shows one.
  const openTask = state.tasks.find((t) => t.status === 'active');
  const colleague = members[1];
  if (openTask && colleague) state.timers.push({ id: '90', taskId: openTask.id, userId: colleague.id, started: now - 45 * MINUTE });
  const recent = state.tasks.find((t) => t.status === 'active');
  if (recent) {
    const project = recent.projectId;
    const page = `/project/${project}/${recent.id}/`;
    state.events.push({
      action: 'update',
      objectType: 'task',
      objectId: recent.id,
      page,
      projectId: project,
      userId: recent.fromId,
      at: now - 30 * MINUTE,
      changed: [['priority', String(recent.priority - 1), String(recent.priority)]],
    });
  }
  const ids = [
    ...state.projects,
    ...state.tasks,
    ...state.comments,
    ...state.costs,
    ...state.files,
    ...state.tags,
    ...state.tagGroups,
    ...state.contacts,
  ].map((x) => Number(x.id));
  state.nextId = Math.max(10_000, ...ids.filter(Number.isSafeInteger)) + 1;
  return state;
}
