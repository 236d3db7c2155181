/**
 * @internal
 * Hands a promise's outcome to a Node-style callback (passport-oauth2's hooks take callbacks). An exception the
 * callback throws is rethrown outside the promise chain, as it would be from node-oauth, instead of becoming a
 * rejection nobody handles. Calls the callback directly rather than on a later tick: this runs on every login.
 */
export function settle<T>(promise: Promise<T>, onValue: (value: T) => void, onError: (err: unknown) => void): void {
  promise.then(
    (value) => guard(() => onValue(value)),
    (err: unknown) => guard(() => onError(err)),
  );
}

function guard(call: () => void): void {
  try {
    call();
  } catch (err) {
    process.nextTick(() => {
      throw err;
    });
  }
}
