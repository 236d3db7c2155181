import { DEMO_USERS } from '../directory/demo';
import type { EmulatorUser } from '../types';

/**
 * The password the sign-in page may show beside `user`: the public `demo` of a demo user (same id, email and
 * password as in {@link DEMO_USERS}), and nothing for anyone else, so an emulator given its own users never
 * prints their passwords.
 */
export function publicDemoPassword(user: EmulatorUser): string | undefined {
  const demo = DEMO_USERS.find((candidate) => candidate.id === user.id);
  return demo && demo.email === user.email && demo.password === user.password ? demo.password : undefined;
}
