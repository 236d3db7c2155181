import { nameClass, WorksectionError, type ResponseFacts } from './worksection-error';

/**
 * Worksection's answer was not what it should be: an unexpected status, a redirect, a content type other
 * than JSON, a body that is not JSON, cut short or over 1 MiB, JSON of the wrong shape, or an untrusted
 * `account_url`. Keeps `status` and `contentType`, never the body.
 */
export class WorksectionResponseError extends WorksectionError {
  static {
    nameClass(this);
  }

  /** `Content-Type` of the answer, when there was one. */
  readonly contentType?: string;

  constructor(message: string, code: string, facts: ResponseFacts = {}) {
    super(message, code, facts.status);
    if (facts.contentType !== undefined) this.contentType = facts.contentType;
  }
}
