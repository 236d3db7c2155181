import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A port nobody listens on now: for a sample that listens on a port its callback URL must name beforehand. */
export async function freePort(): Promise<number> {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The three answers of a sign-in through a README sample against an `autoApprove` emulator, as a browser sees them. */
export interface SampleSignIn {
  /** The sample's answer to `GET /auth/worksection`. */
  start: Response;
  /** Where the emulator sent the browser back: the sample's callback URL with the code and state. */
  back: string;
  /** The sample's answer to the callback, sent with the cookies the start set. */
  done: Response;
}

/** Signs in at `appUrl` as a browser does: start, Worksection's (auto-approved) redirect back, callback with the cookies. */
export async function signInThroughSample(appUrl: string): Promise<SampleSignIn> {
  const start = await fetch(`${appUrl}/auth/worksection`, { redirect: 'manual' });
  const cookie = start.headers
    .getSetCookie()
    .map((line) => line.split(';')[0])
    .join('; ');
  const approved = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' });
  const back = approved.headers.get('location') ?? '';
  const done = await fetch(back, { headers: { cookie }, redirect: 'manual' });
  return { start, back, done };
}
