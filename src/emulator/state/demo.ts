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

/** A project of an account, as the account API lists it. */
export interface SeedProject {
  id: string;
  name: string;
  status: 'active' | 'archive';
  text: string;
  /** Id of the user who created it. */
  ownerId: string;
  dateAdded: string;
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
}

/** Projects and tasks of the demo accounts; accounts without an entry have none. */
export const DEMO_DATA: Record<string, { projects: SeedProject[]; tasks: SeedTask[] }> = {
  acc1234: {
    projects: [
      {
        id: '101',
        name: 'Website relaunch',
        status: 'active',
        text: 'New site by spring.',
        ownerId: '3993',
        dateAdded: '2023-11-01 09:30',
      },
      { id: '102', name: 'Brand book', status: 'archive', text: 'Logo, colours and type.', ownerId: '2477', dateAdded: '2023-06-12 14:00' },
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
