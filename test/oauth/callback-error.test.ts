import { WorksectionOAuthError } from '../../src';
import { authorizeError } from '../../src/oauth/callback-query';

// The callback's query is anyone's to write: Worksection's error_description is kept on the error for the
// developer, but only as one plain line that reads as it is.

describe("the callback's error", () => {
  const fields = (errorDescription: string) => ({ code: undefined, state: 's', error: 'server_error', errorDescription });

  it('keeps error_description without line breaks, escape sequences, bidi controls or zero-width characters', () => {
    const err = authorizeError(fields('Oops\r\n[INFO] signed in as admin\u001b[2K\u202Etxt.exe\u200B\u2066'));
    expect(err).toBeInstanceOf(WorksectionOAuthError);
    expect(err.description).toBe('Oops [INFO] signed in as admin [2Ktxt.exe');
  });

  it('keeps at most 500 characters of it', () => {
    expect(authorizeError(fields('x'.repeat(100_000))).description).toHaveLength(501);
  });

  it('puts no error code into the message that is not a plain code', () => {
    const err = authorizeError({ ...fields('d'), error: 'evil\r\nX-Injected: 1' });
    expect(err.error).toBe('invalid_response');
    expect(err.message).not.toContain('evil');
  });
});
