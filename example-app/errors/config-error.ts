import { AppError, nameClass } from './app-error';

/** A configuration the app refuses to start with. The message says which variable to fix. */
export class ConfigError extends AppError {
  static {
    nameClass(this);
  }

  readonly code = 'CONFIG_INVALID';
}
