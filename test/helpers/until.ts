/**
 * Resolves once `condition()` holds (or resolves true), checking it again every few milliseconds. No deadline of its
 * own: the test's timeout bounds it, so a slow machine only makes the test slower, never wrong.
 */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 5));
}
