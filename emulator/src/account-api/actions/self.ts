import { profileView } from '../views';
import { okData, type ActionHandler } from './action';

/** `me`: the signed-in member's profile (OAuth only; no scope needed). */
export const SELF_ACTIONS = {
  me: (c) => okData(profileView(c, c.me)),
} satisfies Record<string, ActionHandler>;
