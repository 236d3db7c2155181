import { fieldInvalid, fieldRequired } from '../api-refusals';
import type { ContactRecord } from '../store/records';
import { okData, type ActionContext, type ActionHandler } from './action';

const CONTACT_FIELDS = ['phone', 'phone2', 'phone3', 'phone4', 'address', 'address2'] as const;

// Phones and addresses only when set, no date (collection: get_contacts / success, add_contact / success).
function contactView(c: ActionContext, x: ContactRecord) {
  const out: Record<string, unknown> = {
    id: x.id,
    first_name: x.firstName,
    last_name: x.lastName,
    name: `${x.firstName} ${x.lastName}`.trim(),
    title: x.title,
    group: c.store.state.contactGroups.find((g) => g.id === x.groupId)?.title ?? '',
    email: x.email,
  };
  for (const field of CONTACT_FIELDS) if (x[field]) out[field] = x[field];
  return out;
}

const getContacts: ActionHandler = (c) => okData(c.store.state.contacts.map((x) => contactView(c, x)));

const addContact: ActionHandler = (c) => {
  const email = c.p.email('email');
  if (email === undefined) throw fieldRequired('email');
  const name = c.p.required('name').trim().slice(0, 200);
  const groupName = c.p.text('group');
  const group = groupName === undefined ? undefined : c.store.state.contactGroups.find((g) => g.id === groupName || g.title === groupName);
  if (groupName !== undefined && !group) throw fieldInvalid('group', `no contact folder ${groupName.slice(0, 40)}`);
  const [first = '', ...rest] = name.split(/\s+/);
  const text = (field: string) => c.p.text(field)?.slice(0, 200) ?? '';
  const contact: ContactRecord = {
    id: c.store.newId(),
    firstName: first,
    lastName: rest.join(' '),
    email,
    title: text('title'),
    phone: text('phone'),
    phone2: text('phone2'),
    phone3: text('phone3'),
    phone4: text('phone4'),
    address: text('address'),
    address2: text('address2'),
    groupId: group?.id ?? '',
    added: c.now,
  };
  c.store.state.contacts.push(contact);
  return okData(contactView(c, contact));
};

const groupView = (g: { id: string; title: string }) => ({ id: g.id, title: g.title, type: 'folder' });

/** The folders every account has, listed first with numeric ids (collection: get_contact_groups / success). */
const PRESET_GROUPS = ['USERS', 'DEFAULT', 'TEAM_ONLY', 'HIDDEN'].map((title, i) => ({ id: i + 1, title, type: 'preset' }));

const getContactGroups: ActionHandler = (c) => okData([...PRESET_GROUPS, ...c.store.state.contactGroups.map(groupView)]);

const addContactGroup: ActionHandler = (c) => {
  const title = c.p.required('title').slice(0, 200);
  const group = c.store.state.contactGroups.find((g) => g.title === title) ?? { id: c.store.newId(), title };
  if (!c.store.state.contactGroups.includes(group)) c.store.state.contactGroups.push(group);
  return okData(groupView(group));
};

/** The contact actions. */
export const CONTACT_ACTIONS = {
  get_contacts: getContacts,
  add_contact: addContact,
  get_contact_groups: getContactGroups,
  add_contact_group: addContactGroup,
} satisfies Record<string, ActionHandler>;
