/** A browser-like session for driving the emulator's pages over plain HTTP: keeps cookies, parses forms. */
export class PageSession {
  private readonly cookies = new Map<string, string>();

  /** Sends a request with the session's cookies, storing any it receives; never follows redirects. */
  async fetch(url: string, init: RequestInit = {}): Promise<{ status: number; body: string; location?: string; headers: Headers }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (/max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, body: await res.text(), location: res.headers.get('location') ?? undefined, headers: res.headers };
  }

  /** Posts a form the way a browser submits it. */
  post(url: string, fields: Record<string, string>) {
    return this.fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /** Forgets every cookie, as another browser would have none. */
  clearCookies(): void {
    this.cookies.clear();
  }
}

/** The value of hidden input `name` in `html` (first match). */
export function hiddenField(html: string, name: string): string {
  const match = new RegExp(`<input type="hidden" name="${name}" value="([^"]*)">`).exec(html);
  if (!match) throw new Error(`no hidden field ${name} in page`);
  return match[1]!;
}

/** The `request` and `csrf` hidden fields every page form carries. */
export function formTokens(html: string): { request: string; csrf: string } {
  return { request: hiddenField(html, 'request'), csrf: hiddenField(html, 'csrf') };
}

/** The text of every `<button>` in `html`, tags stripped. */
export function buttonNames(html: string): string[] {
  return [...html.matchAll(/<button[^>]*>([\s\S]*?)<\/button>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
}
