import { NETWORK_ERROR } from './codes';
import { nameClass, WorksectionError, type ResponseFacts } from './worksection-error';

/**
 * The connection to Worksection failed or broke (refused, reset, DNS…). `cause` summarises the low-level error
 * (its errno code or name) rather than holding it: a custom fetch's error may carry the request, secrets included.
 */
export class WorksectionNetworkError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** `Content-Type` of the answer, when the connection broke during the body. */
  readonly contentType?: string;

  constructor(message: string, facts: ResponseFacts, cause: Error) {
    super(message, NETWORK_ERROR, facts.status, { cause });
    if (facts.contentType !== undefined) this.contentType = facts.contentType;
  }
}
