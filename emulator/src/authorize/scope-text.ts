import type { Scope } from '../oauth/scopes';

/** What each scope lets the application do, in the plain words of the consent page. */
export const SCOPE_TEXT: Readonly<Record<Scope, string>> = {
  projects_read: 'See your projects',
  projects_write: 'Create and change projects',
  tasks_read: 'See your tasks',
  tasks_write: 'Create and change tasks',
  costs_read: 'See time and cost records',
  costs_write: 'Add and change time and cost records',
  tags_read: 'See tags and statuses',
  tags_write: 'Create and change tags and statuses',
  comments_read: 'See comments',
  comments_write: 'Post and change comments',
  files_read: 'See and download files',
  files_write: 'Upload and change files',
  users_read: 'See the people in your account',
  users_write: 'Invite and change people in your account',
  contacts_read: 'See your contacts',
  contacts_write: 'Add and change contacts',
  administrative: 'Manage the account as an administrator',
};
