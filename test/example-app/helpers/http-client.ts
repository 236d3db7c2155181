/** Cookies of one user agent, as a browser keeps them for one host (names and values only). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Stores the cookies of `response`'s Set-Cookie headers (an expired one is removed). */
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now());
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** The Cookie header to send, or undefined. */
  header(): string | undefined {
    if (this.cookies.size === 0) return undefined;
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }
}

/** One response as a test looks at it. */
export interface Hop {
  status: number;
  location: string | undefined;
  headers: Headers;
  body: string;
  url: string;
}

/**
 * A minimal browser for one host: sends its cookies, keeps the ones it gets, never follows redirects (tests
 * follow them hop by hop, and may send a hop to another origin, e.g. the emulator, without cookies).
 */
export class Browser {
  /** @param jar shared with another Browser to play one user agent talking to two instances behind a load balancer. */
  constructor(
    readonly origin: string,
    readonly jar: CookieJar = new CookieJar(),
  ) {}

  async get(pathOrUrl: string, headers: Record<string, string> = {}): Promise<Hop> {
    return this.request('GET', pathOrUrl, undefined, headers);
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Hop> {
    return this.request('POST', path, new URLSearchParams(form).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
  }

  private async request(method: string, pathOrUrl: string, body: string | undefined, headers: Record<string, string>): Promise<Hop> {
    const url = new URL(pathOrUrl, this.origin).toString();
    const cookie = this.jar.header();
    const response = await fetch(url, {
      method,
      body,
      redirect: 'manual',
      headers: { ...(cookie ? { cookie } : {}), ...headers },
    });
    this.jar.store(response);
    return {
      status: response.status,
      location: response.headers.get('location') ?? undefined,
      headers: response.headers,
      body: await response.text(),
      url,
    };
  }
}

/**
 * Signs `browser` in through an auto-approving emulator: start, the emulator's redirect, the callback.
 * Returns every hop so tests can search them for secrets.
 */
export async function signIn(browser: Browser, start = '/auth/worksection'): Promise<Hop[]> {
  const hops: Hop[] = [];
  const begin = await browser.get(start);
  hops.push(begin);
  if (begin.status !== 302 || !begin.location) throw new Error(`sign-in start answered ${begin.status}`);
  const approve = await fetch(begin.location, { redirect: 'manual' });
  const callback = approve.headers.get('location');
  hops.push({
    status: approve.status,
    location: callback ?? undefined,
    headers: approve.headers,
    body: await approve.text(),
    url: begin.location,
  });
  if (!callback) throw new Error(`the emulator answered ${approve.status} without a redirect`);
  hops.push(await browser.get(callback));
  return hops;
}
