import { fieldInvalid, fieldRequired } from '../api-refusals';
import { dateTimeOf } from '../dates';
import type { ContactRecord } from '../store/records';
import { okData, type ActionContext, type ActionHandler } from './action';

function contactView(c: ActionContext, x: ContactRecord) {
  return {
    id: x.id,
    first_name: x.firstName,
    last_name: x.lastName,
    name: `${x.firstName} ${x.lastName}`.trim(),
    title: x.title,
    group: c.store.state.contactGroups.find((g) => g.id === x.groupId)?.title ?? '',
    email: x.email,
    phone: x.phone,
    phone2: x.phone2,
    phone3: x.phone3,
    address: x.address,
    address2: x.address2,
    date_added: dateTimeOf(x.added),
  };
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
    address: text('address'),
    address2: text('address2'),
    groupId: group?.id ?? '',
    added: c.now,
  };
  c.store.state.contacts.push(contact);
  return okData(contactView(c, contact));
};

const groupView = (g: { id: string; title: string }) => ({ id: g.id, title: g.title, type: 'folder' });

const getContactGroups: ActionHandler = (c) => okData(c.store.state.contactGroups.map(groupView));

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
