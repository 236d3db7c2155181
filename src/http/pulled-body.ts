import { Readable } from 'node:stream';

/**
 * @internal
 * The body of a streamed answer as undici hands it over: the exchange pushes each chunk (undici pauses the
 * connection while `push` returns false) and ends it; reading asks undici to `resume`. Destroying it before its end
 * calls `abort`, which closes the connection (undici ignores an abort once the answer is complete).
 */
export function pulledBody(resume: () => void, abort: (err: Error) => void): Readable {
  return new Readable({
    read: resume,
    destroy(err, done) {
      abort(err ?? new Error('The caller stopped reading the file.'));
      done(err);
    },
  });
}
