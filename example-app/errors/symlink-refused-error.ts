import { AppError, nameClass } from './app-error';

/**
 * A symlink was found at the name of a file the app reads or creates itself (the development secret, the
 * emulator's saved state): it may have been planted to make the app read or write another file, so it is refused.
 */
export class SymlinkRefusedError extends AppError {
  static {
    nameClass(this);
  }

  readonly code = 'SYMLINK_REFUSED';

  constructor(readonly file: string) {
    super(`${file} is a symlink; the app reads and writes its own files only. Delete it, and start again.`);
  }
}
