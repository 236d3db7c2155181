import type { WorksectionMe } from '../api-types';

/** The parameters of `me`: none. */
export type MeParams = Record<string, never>;

/** `me` (OAuth only, no scope): the signed-in user. Its helper is `client.me()`. */
export interface SelfActions {
  me: { params: MeParams; result: WorksectionMe };
}
