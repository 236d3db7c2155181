import type { WorksectionList } from '../list-cap';
import type { CallOptions } from '../options';
import type { ActionCaller } from './action-map';
import { asList, asOne } from './shape';
import type { WorksectionId } from './values';

/** A contact of the account (`get_contacts`). */
export interface WorksectionContact {
  id: WorksectionId;
  name: string;
  first_name?: string;
  last_name?: string;
  email?: string;
  title?: string;
  /** The contact folder. */
  group?: string;
  url?: string;
  phone?: string;
  phone2?: string;
  phone3?: string;
  address?: string;
  address2?: string;
  [field: string]: unknown;
}

/** Parameters of `add_contact`. */
export interface AddContactParams {
  email: string;
  name: string;
  title?: string;
  /** The contact folder, as `WorksectionContactGroup.id` (a number for the preset folders). */
  group?: WorksectionId | number;
  phone?: string;
  phone2?: string;
  phone3?: string;
  phone4?: string;
  address?: string;
  address2?: string;
}

/**
 * A contact folder (`get_contact_groups`). Worksection lists its four preset folders first with numeric ids
 * (`{"id":1,"title":"USERS","type":"preset"}`…) and the account's own folders with string ids
 * (`{"id":"4178","type":"folder"}`): the saved answer of the collection's "get_contact_groups" request.
 */
export interface WorksectionContactGroup {
  id: WorksectionId | number;
  title: string;
  type?: string;
  [field: string]: unknown;
}

/** Parameters of `add_contact_group`. */
export interface AddContactGroupParams {
  title: string;
}

/** The Contacts actions. */
export interface ContactActions {
  get_contacts: { params: Record<string, never>; result: WorksectionContact[] };
  add_contact: { params: AddContactParams; result: WorksectionContact };
  get_contact_groups: { params: Record<string, never>; result: WorksectionContactGroup[] };
  add_contact_group: { params: AddContactGroupParams; result: WorksectionContactGroup };
}

/** The account's contacts and contact folders: `client.contacts`. */
export class ContactsApi {
  /** @internal */
  constructor(private readonly client: ActionCaller<ContactActions>) {}

  /** The contacts (`get_contacts`; `contacts_read`). */
  async list(options?: CallOptions): Promise<WorksectionList<WorksectionContact>> {
    return asList('get_contacts', await this.client.call('get_contacts', {}, options));
  }

  /** Adds a contact (`add_contact`; `contacts_write`). */
  async add(params: AddContactParams, options?: CallOptions): Promise<WorksectionContact> {
    return asOne('add_contact', await this.client.call('add_contact', params, options));
  }

  /** The contact folders (`get_contact_groups`; `contacts_read`). */
  async groups(options?: CallOptions): Promise<WorksectionList<WorksectionContactGroup>> {
    return asList('get_contact_groups', await this.client.call('get_contact_groups', {}, options));
  }

  /** Creates a contact folder (`add_contact_group`; `contacts_write`). */
  async addGroup(params: AddContactGroupParams, options?: CallOptions): Promise<WorksectionContactGroup> {
    return asOne('add_contact_group', await this.client.call('add_contact_group', params, options));
  }
}
