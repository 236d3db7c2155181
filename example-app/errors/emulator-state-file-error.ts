import { AppError, nameClass } from './app-error';

/** The dev emulator's state file cannot be used: start fails, saying which file and what to do. */
export class EmulatorStateFileError extends AppError {
  static {
    nameClass(this);
  }

  readonly code = 'EMULATOR_STATE_FILE_UNUSABLE';
  /** The state file at fault. */
  readonly file: string;

  constructor(file: string, why: string) {
    super(
      `The emulator state file ${file} cannot be used (${why}): delete it to start the emulator afresh (signed-in browsers then sign in again).`,
    );
    this.file = file;
  }
}
