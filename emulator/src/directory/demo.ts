import type { EmulatorAccount, EmulatorClient, EmulatorUser } from '../types';

/**
 * The client every emulator knows unless `clients` replaces it. Public demo credentials: never use them
 * anywhere but against the emulator.
 */
export const DEMO_CLIENT: EmulatorClient = Object.freeze({
  clientId: 'demo-client',
  clientSecret: 'demo-secret',
  redirectUris: Object.freeze([
    'http://localhost:3000/auth/worksection/callback',
    'https://localhost:3000/auth/worksection/callback',
  ]) as string[],
  name: 'Demo App',
});

/** The demo accounts (company workspaces). `acc1234` matches the account of Worksection's Postman examples. */
export const DEMO_ACCOUNTS: EmulatorAccount[] = [
  { id: 'acc1234', name: 'Gardner & Co' },
  { id: 'acc5678', name: 'Northwind Studio' },
];

/**
 * The demo users, all with password `demo`. Henry Gardner (id 3993, the user of Worksection's Postman examples)
 * belongs to both demo accounts and so sees the account picker; his email is mixed-case on purpose, because
 * Worksection returns emails in arbitrary letter case.
 */
export const DEMO_USERS: EmulatorUser[] = [
  {
    id: '3993',
    email: 'Henry.Gardner@ws.com',
    password: 'demo',
    firstName: 'Henry',
    lastName: 'Gardner',
    accountIds: ['acc1234', 'acc5678'],
    title: 'Project Manager',
    phone: '+1 555 0100',
  },
  {
    id: '2477',
    email: 'olivia.bennett@ws.com',
    password: 'demo',
    firstName: 'Olivia',
    lastName: 'Bennett',
    accountIds: ['acc1234'],
    title: 'Designer',
    phone: '+1 555 0101',
  },
  {
    id: '5120',
    email: 'marcus.lee@ws.com',
    password: 'demo',
    firstName: 'Marcus',
    lastName: 'Lee',
    accountIds: ['acc5678'],
    title: 'Developer',
  },
];

/** A project of an account, as the account API lists it. Dates: `YYYY-MM-DD HH:MM` (UTC) and `YYYY-MM-DD`. */
export interface SeedProject {
  id: string;
  name: string;
  status: 'active' | 'pending' | 'archive';
  text: string;
  /** Id of the user who created it. */
  ownerId: string;
  dateAdded: string;
  /** Project folder id (see {@link DemoAccountData.projectGroups}). */
  groupId?: string;
  /** Member ids besides the owner. */
  memberIds?: string[];
  dateEnd?: string;
  tagIds?: string[];
}

/** A task of a project, as the account API lists it. */
export interface SeedTask {
  id: string;
  projectId: string;
  name: string;
  status: 'active' | 'done';
  priority: number;
  /** Creator and assignee ids. */
  fromId: string;
  toId: string;
  text: string;
  dateAdded: string;
  dateEnd?: string;
  /** Set on a subtask: the id of its parent task. */
  parentId?: string;
  tagIds?: string[];
  subscriberIds?: string[];
}

/** A comment of the demo data. */
export interface SeedComment {
  id: string;
  taskId: string;
  fromId: string;
  text: string;
  dateAdded: string;
}

/** A cost line of the demo data: `time` as `H:MM`, `money` in the account's currency. */
export interface SeedCost {
  id: string;
  taskId: string;
  userId: string;
  time: string;
  money: number;
  date: string;
  comment: string;
}

/** A tag group and its tags (`scope`: task or project tags). */
export interface SeedTagGroup {
  id: string;
  scope: 'task' | 'project';
  title: string;
  type: 'status' | 'label';
  tags: Array<{ id: string; title: string; color: string }>;
}

/** An external contact of the demo data. */
export interface SeedContact {
  id: string;
  name: string;
  email: string;
  title: string;
  phone: string;
  groupId: string;
}

/** A file attached to a task of the demo data; `text` is its content. */
export interface SeedFile {
  id: string;
  taskId: string;
  userId: string;
  name: string;
  contentType: string;
  text: string;
  dateAdded: string;
}

/** What one demo account holds; everything but projects and tasks is optional. */
export interface DemoAccountData {
  projects: SeedProject[];
  tasks: SeedTask[];
  comments?: SeedComment[];
  costs?: SeedCost[];
  tagGroups?: SeedTagGroup[];
  projectGroups?: Array<{ id: string; title: string }>;
  userGroups?: Array<{ id: string; title: string; memberIds: string[] }>;
  contactGroups?: Array<{ id: string; title: string }>;
  contacts?: SeedContact[];
  files?: SeedFile[];
}

/** Projects, tasks and the rest of the demo accounts; accounts without an entry start empty. */
export const DEMO_DATA: Record<string, DemoAccountData> = {
  acc1234: {
    projects: [
      {
        id: '101',
        name: 'Website relaunch',
        status: 'active',
        text: 'New site by spring.',
        ownerId: '3993',
        dateAdded: '2023-11-01 09:30',
        groupId: '60',
        memberIds: ['2477'],
        dateEnd: '2024-03-31',
        tagIds: ['56'],
      },
      {
        id: '102',
        name: 'Brand book',
        status: 'archive',
        text: 'Logo, colours and type.',
        ownerId: '2477',
        dateAdded: '2023-06-12 14:00',
        memberIds: ['3993'],
      },
    ],
    tasks: [
      {
        id: '1001',
        projectId: '101',
        name: 'Wireframes',
        status: 'done',
        priority: 5,
        fromId: '3993',
        toId: '2477',
        text: 'Home and pricing pages.',
        dateAdded: '2023-11-02 10:00',
        dateEnd: '2023-11-10',
      },
      {
        id: '1002',
        projectId: '101',
        name: 'Content migration',
        status: 'active',
        priority: 7,
        fromId: '3993',
        toId: '3993',
        text: 'Move the blog.',
        dateAdded: '2023-11-03 11:15',
      },
      {
        id: '1003',
        projectId: '102',
        name: 'Colour palette',
        status: 'done',
        priority: 3,
        fromId: '2477',
        toId: '2477',
        text: '',
        dateAdded: '2023-06-13 09:00',
        dateEnd: '2023-06-20',
      },
      {
        id: '1011',
        projectId: '101',
        parentId: '1002',
        name: 'Export old posts',
        status: 'done',
        priority: 5,
        fromId: '3993',
        toId: '2477',
        text: 'WordPress export, images included.',
        dateAdded: '2023-11-04 09:00',
      },
      {
        id: '1012',
        projectId: '101',
        parentId: '1002',
        name: 'Fix redirects',
        status: 'active',
        priority: 6,
        fromId: '3993',
        toId: '3993',
        text: '',
        dateAdded: '2023-11-04 09:05',
        tagIds: ['52'],
        subscriberIds: ['2477'],
      },
    ],
    comments: [
      { id: '3001', taskId: '1001', fromId: '2477', text: 'First drafts are in Figma.', dateAdded: '2023-11-05 16:20' },
      { id: '3002', taskId: '1001', fromId: '3993', text: 'Looks good, approved.', dateAdded: '2023-11-09 10:02' },
      { id: '3003', taskId: '1002', fromId: '3993', text: 'Blog has 240 posts to move.', dateAdded: '2023-11-06 12:40' },
    ],
    costs: [
      { id: '4001', taskId: '1001', userId: '2477', time: '6:30', money: 325, date: '2023-11-06', comment: 'Wireframes, first pass' },
      { id: '4002', taskId: '1002', userId: '3993', time: '2:00', money: 0, date: '2023-11-07', comment: 'Content audit' },
      { id: '4003', taskId: '1003', userId: '2477', time: '3:15', money: 160, date: '2023-06-15', comment: 'Palette options' },
    ],
    tagGroups: [
      {
        id: '50',
        scope: 'task',
        title: 'Stage',
        type: 'status',
        tags: [
          { id: '51', title: 'In review', color: 'blue' },
          { id: '52', title: 'Blocked', color: 'red' },
        ],
      },
      { id: '53', scope: 'task', title: 'Area', type: 'label', tags: [{ id: '54', title: 'Design', color: 'violet' }] },
      { id: '55', scope: 'project', title: 'Kind', type: 'label', tags: [{ id: '56', title: 'Client work', color: 'green' }] },
    ],
    projectGroups: [{ id: '60', title: 'Marketing' }],
    userGroups: [{ id: '61', title: 'Studio team', memberIds: ['3993', '2477'] }],
    contactGroups: [{ id: '62', title: 'Clients' }],
    contacts: [{ id: '63', name: 'Ada Brooks', email: 'ada@brooks.example', title: 'CEO', phone: '+1 555 0199', groupId: '62' }],
    files: [
      {
        id: '70',
        taskId: '1001',
        userId: '2477',
        name: 'wireframes.txt',
        contentType: 'text/plain',
        text: 'Home: hero, pricing teaser, footer.\n',
        dateAdded: '2023-11-05 16:18',
      },
    ],
  },
  acc5678: {
    projects: [
      { id: '201', name: 'Mobile app', status: 'active', text: 'iOS and Android.', ownerId: '5120', dateAdded: '2023-09-18 08:45' },
    ],
    tasks: [
      {
        id: '2001',
        projectId: '201',
        name: 'Sign-in screen',
        status: 'active',
        priority: 8,
        fromId: '3993',
        toId: '5120',
        text: 'Sign in with Worksection.',
        dateAdded: '2023-09-19 12:00',
        dateEnd: '2023-12-01',
      },
    ],
  },
};
