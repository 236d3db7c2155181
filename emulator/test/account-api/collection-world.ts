import type { AccountStore } from '../../src/account-api/store/account-store';
import type { ProjectRecord, TaskRecord } from '../../src/account-api/store/records';

const DAY = 86_400_000;

/** The 14 project options live answers with `extra=options` (collection: get_projects / get_project). */
const OPTIONS: Array<[string, string]> = [
  ['allow_close', '1'],
  ['allow_give', '1'],
  ['allow_term', '0'],
  ['allow_limit', '0'],
  ['require_term', '1'],
  ['require_tag', '1'],
  ['require_limit', '1'],
  ['require_hidden', '0'],
  ['deny_comments_edit', '0'],
  ['deny_task_edit', '0'],
  ['deny_task_delete', '1'],
  ['time_require', '0'],
  ['time_today', '0'],
  ['timer_only', '1'],
];

/**
 * Fills account acc1234 with the records the collection's examples name, under the collection's own ids (users 5514
 * Frank Harper, 5686 Kate Greenway, 5700 Bill Jones; projects 6622, 8482, 8526, 8562, 6724, 8522, 8530; tasks
 * 330090, 331894, 332150, 331430, 330142…; cost lines 3706 and 3690; file 18026; webhook 122; the tag groups and tags
 * the examples name), so that every example can be sent with its parameters unchanged. The demo data's projects,
 * tasks and the rest are replaced: the collection's answers list the collection's world only.
 */
export function buildCollectionWorld(store: AccountStore, now: number): void {
  const s = store.state;
  const template = s.users[0]!;
  const person = (id: string, email: string, first: string, last: string) => ({
    ...template,
    id,
    email,
    firstName: first,
    lastName: last,
    role: 'user',
    phone: '+1 555 0150',
  });
  s.users = [
    { ...template, phone2: '+1 555 0102', phone3: '', phone4: '', address: 'Kyiv', address2: '' },
    person('5514', 'frank.harper@ws.com', 'Frank', 'Harper'),
    person('5686', 'kate.greenway@ws.com', 'Kate', 'Greenway'),
    person('5700', 'bill.jones@gmail.com', 'Bill', 'Jones'),
  ];
  s.userGroups = [{ id: '930', title: 'Development', client: false }];
  s.contactGroups = [{ id: '4178', title: 'Clients' }];
  s.contacts = [
    {
      id: '5780',
      firstName: 'Brian',
      lastName: 'Dragonfly',
      email: 'brian.dragonfly@gmail.com',
      title: 'manager',
      phone: '+1 345 234 23 67',
      phone2: '486 09 77',
      phone3: '(8984) 345 65 02',
      phone4: '389 87 35',
      address: 'Apt. 406',
      address2: 'North Abel',
      groupId: '4178',
      added: now - DAY,
    },
  ];
  s.projectGroups = [{ id: '4190', title: 'Development' }];
  s.tagGroups = [
    { id: '100', scope: 'task', title: 'Basic workflow', type: 'status', access: 'public' },
    { id: '101', scope: 'task', title: 'Development', type: 'label', access: 'public' },
    { id: '102', scope: 'project', title: 'Project status', type: 'status', access: 'public' },
    { id: '103', scope: 'project', title: 'Finance', type: 'label', access: 'public' },
  ];
  const tag = (id: string, groupId: string, title: string, scope: 'task' | 'project') => ({ id, groupId, title, scope, color: '' });
  s.tags = [
    tag('72565', '100', 'doing', 'task'),
    tag('72569', '100', 'deployed', 'task'),
    tag('72573', '101', 'feature', 'task'),
    tag('72577', '101', 'to-do', 'task'),
    tag('72581', '101', 'design', 'task'),
    tag('105554', '102', 'Started', 'project'),
    tag('105558', '103', 'app', 'project'),
    tag('105562', '103', 'paid', 'project'),
    tag('105566', '103', 'bill', 'project'),
    tag('105570', '103', 'contract', 'project'),
  ];

  const project = (id: string, name: string, extra: Partial<ProjectRecord> = {}): ProjectRecord => ({
    id,
    name,
    status: 'active',
    text: 'Inner project for company KPI improvement',
    fromId: '3993',
    managerId: '3993',
    groupId: '4190',
    company: 'Development',
    added: now - 30 * DAY,
    dateStart: '2021-01-01',
    dateEnd: '2021-07-01',
    closed: null,
    maxTime: '1200',
    maxMoney: '20400',
    memberIds: ['3993', '5514', '5686'],
    tagIds: ['105554', '105570'],
    options: [...OPTIONS],
    ...extra,
  });
  s.projects = ['6622', '8482', '8526', '8562', '6724', '8522', '8530'].map((id) =>
    project(id, id === '6622' ? 'Performance improvement' : `Owl brand launch ${id}`),
  );

  const task = (id: string, projectId: string, extra: Partial<TaskRecord> = {}): TaskRecord => ({
    id,
    projectId,
    parentId: '',
    name: id === '330090' ? 'Worksection implementation' : `Development ${id}`,
    status: 'active',
    priority: 7,
    fromId: '3993',
    toId: '3993',
    text: 'Business logic programming',
    added: now - 20 * DAY,
    dateStart: '2021-01-16',
    dateEnd: '2021-02-16',
    timeStart: '08:00',
    timeEnd: '18:00',
    closed: null,
    maxTime: '352',
    maxMoney: '5280',
    hidden: false,
    todo: [],
    tagIds: [],
    subscriberIds: ['5514'],
    fileIds: [],
    ...extra,
  });
  s.tasks = [
    task('330090', '6622', { fileIds: ['18030'] }),
    task('330142', '6622', { status: 'done', closed: now - DAY }),
    task('331430', '6622', { tagIds: ['72565'] }),
    task('331469', '6622', { status: 'done', closed: now - DAY }),
    task('331470', '6622', { parentId: '331469', status: 'done', closed: now - DAY }),
    task('332150', '6622'),
    task('331894', '8562', { fileIds: ['18027'], relations: [{ type: 'finish-start', taskId: '332150' }] }),
    task('331896', '8562', { parentId: '331894' }),
    task('331898', '8562', { parentId: '331896' }),
    task('331900', '6724', { fileIds: ['18026'] }),
  ];
  // 332150 is the other end of 331894's relation.
  const tail = s.tasks.find((t) => t.id === '332150')!;
  tail.relations = [];

  const comment = (id: string, taskId: string, fileIds: string[]) => ({
    id,
    taskId,
    text: 'Added one more file needed',
    fromId: '5514',
    added: now - 2 * DAY,
    hidden: false,
    fileIds,
  });
  s.comments = [comment('19086', '330090', ['18028']), comment('19978', '331894', [])];

  const file = (id: string, taskId: string, commentId = '') => ({
    id,
    name: 'Text file.docx',
    contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    base64: Buffer.from('file bytes').toString('base64'),
    size: 10,
    userId: '3993',
    added: now - 3 * DAY,
    taskId,
    commentId,
    attached: true,
  });
  s.files = [file('18026', '331900'), file('18027', '331894'), file('18028', '330090', '19086'), file('18030', '330090')];

  const cost = (id: string, taskId: string, isTimer: boolean) => ({
    id,
    taskId,
    userId: '5514',
    comment: 'Developed new workflow scheme for dev team',
    minutes: 410,
    money: 75.17,
    day: '2021-01-01',
    isTimer,
    added: now - DAY,
  });
  s.costs = [cost('3610', '330142', true), cost('3706', '330090', false), cost('3690', '330090', false)];
  s.timers = [{ id: '2918', taskId: '330142', userId: '5514', started: now - 673_000 }];
  s.webhooks = [
    { id: '122', url: 'https://hook.example/a', events: ['post_task'], projectIds: ['6622'], httpUser: '', httpPass: '', status: 'active' },
    { id: '123', url: 'https://hook.example/b', events: ['update_task'], projectIds: [], httpUser: '', httpPass: '', status: 'paused' },
  ];
  const page = '/project/6622/330090/';
  s.events = [
    {
      action: 'post',
      objectType: 'project',
      objectId: '8522',
      page: '/project/8522/',
      projectId: '8522',
      userId: '3993',
      at: now - 3_600_000,
      changed: [
        ['title', '', 'Prototyping'],
        ['user_to', '', '3993'],
      ],
    },
    {
      action: 'post',
      objectType: 'comment',
      objectId: '19086',
      page,
      projectId: '6622',
      userId: '3993',
      at: now - 3_000_000,
      changed: [['text', '', 'Today we have a meetup.']],
    },
    {
      action: 'update',
      objectType: 'task',
      objectId: '330090',
      page,
      projectId: '6622',
      userId: '3993',
      at: now - 2_000_000,
      changed: [
        ['priority', '1', '7'],
        ['user_to', 'ANY', '5514'],
        ['date_end', '', '2024-01-11'],
        ['time_end', '', '16:00'],
      ],
    },
    {
      action: 'close',
      objectType: 'task',
      objectId: '330142',
      page: '/project/6622/330142/',
      projectId: '6622',
      userId: '5514',
      at: now - 1_000_000,
      changed: [],
    },
  ];
  s.nextId = 400_000;
}
