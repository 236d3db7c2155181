import { randomBytes } from 'node:crypto';
import type { CodeChallenge } from '../oauth/pkce';
import { safeEqual } from '../shared/constant-time';
import type { EmulatorClock } from '../types';

/** A validated authorization request waiting for the user to sign in, pick an account and consent. */
export interface PendingAuthorization {
  /** Random id carried in the pages' hidden `request` field. */
  id: string;
  /** CSRF token: must come back both in the form and in the request's cookie. */
  csrf: string;
  clientId: string;
  redirectUri: string;
  state: string;
  scopes: string[];
  /** The PKCE challenge of the request, sealed into the code on approval. */
  codeChallenge?: CodeChallenge;
  /** Set once the user signed in. */
  userId?: string;
  /** Set once the account is known (picked, or the user's only one). */
  accountId?: string;
  /**
   * What went wrong with the last form posted, shown once by the page the browser is redirected to: every POST
   * is answered with a redirect (POST/redirect/GET), so the error cannot travel in the answer itself.
   */
  notice?: { error: string; email?: string };
  expiresAt: number;
}

/** How long a page may sit before its form stops working. */
export const PENDING_TTL_MS = 15 * 60 * 1000;
const MAX_PENDING = 10_000;

/** The server-side half of the interactive authorization pages: nothing about the request travels in the form but its id. */
export class PendingAuthorizations {
  private readonly entries = new Map<string, PendingAuthorization>();

  constructor(private readonly clock: EmulatorClock) {}

  /** Stores a new pending request and returns it with fresh id and CSRF token. */
  create(request: Omit<PendingAuthorization, 'id' | 'csrf' | 'expiresAt'>): PendingAuthorization {
    this.sweep();
    const entry: PendingAuthorization = {
      ...request,
      id: randomBytes(24).toString('base64url'),
      csrf: randomBytes(24).toString('base64url'),
      expiresAt: this.clock.now() + PENDING_TTL_MS,
    };
    this.entries.set(entry.id, entry);
    return entry;
  }

  /**
   * The pending request `id` if it exists, has not expired, and `formToken` and `cookieToken` both equal its
   * CSRF token; otherwise undefined.
   */
  verify(id: string | undefined, formToken: string | undefined, cookieToken: string | undefined): PendingAuthorization | undefined {
    const entry = this.find(id, cookieToken);
    return entry && formToken && safeEqual(formToken, entry.csrf) ? entry : undefined;
  }

  /**
   * The pending request `id` if it exists, has not expired and `cookieToken` equals its CSRF token: what a GET of
   * a page needs. The GET only shows the page, so the cookie (which another site cannot read or set) is enough.
   */
  find(id: string | undefined, cookieToken: string | undefined): PendingAuthorization | undefined {
    if (!id || !cookieToken) return undefined;
    const entry = this.entries.get(id);
    if (!entry || entry.expiresAt <= this.clock.now()) return undefined;
    return safeEqual(cookieToken, entry.csrf) ? entry : undefined;
  }

  /** Forgets a finished request so its forms cannot be replayed. */
  delete(id: string): void {
    this.entries.delete(id);
  }

  private sweep(): void {
    const now = this.clock.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
    // A page reload creates a new entry each time; cap the total so a crawler cannot grow memory without bound.
    for (const id of this.entries.keys()) {
      if (this.entries.size < MAX_PENDING) break;
      this.entries.delete(id);
    }
  }
}
