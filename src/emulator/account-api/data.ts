import type { EmulatorContext } from '../state/context';
import { DEMO_DATA, type SeedProject, type SeedTask } from '../state/demo';
import type { EmulatorAccount, EmulatorUser } from '../types';

/** A user as the account API nests it in projects and tasks. */
export function userRef(user: EmulatorUser | undefined): { id: string; email: string; name: string } | null {
  return user ? { id: user.id, email: user.email, name: `${user.firstName} ${user.lastName}` } : null;
}

/** The richer profile of `me` and `get_users`. */
export function profile(ctx: EmulatorContext, user: EmulatorUser, account: EmulatorAccount) {
  const members = ctx.directory.members(account.id);
  return {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    name: `${user.firstName} ${user.lastName}`,
    title: user.title ?? '',
    avatar: `${ctx.accountUrl(account.id)}/images/avatar/${encodeURIComponent(user.id)}.png`,
    group: account.name,
    department: '',
    // The first member of an account is its owner, as whoever created the account is in Worksection.
    role: members[0]?.id === user.id ? 'owner' : 'user',
    email: user.email,
    phone: user.phone ?? '',
  };
}

/** A project as `get_projects` lists it. */
export function projectView(ctx: EmulatorContext, account: EmulatorAccount, project: SeedProject) {
  return {
    id: project.id,
    name: project.name,
    page: `/project/${project.id}/`,
    status: project.status,
    company: account.name,
    user_from: userRef(ctx.directory.user(project.ownerId)),
    text: project.text,
    date_added: project.dateAdded,
  };
}

/** A task as `get_tasks` lists it. */
export function taskView(ctx: EmulatorContext, task: SeedTask, project: SeedProject | undefined) {
  return {
    id: task.id,
    name: task.name,
    page: `/project/${task.projectId}/${task.id}/`,
    status: task.status,
    priority: String(task.priority),
    user_from: userRef(ctx.directory.user(task.fromId)),
    user_to: userRef(ctx.directory.user(task.toId)),
    project: project ? { id: project.id, name: project.name, page: `/project/${project.id}/` } : null,
    text: task.text,
    date_added: task.dateAdded,
    ...(task.dateEnd !== undefined && { date_end: task.dateEnd }),
  };
}

/** The seeded projects and tasks of an account (none for accounts the demo data does not know). */
export function accountData(accountId: string): { projects: SeedProject[]; tasks: SeedTask[] } {
  return DEMO_DATA[accountId] ?? { projects: [], tasks: [] };
}
