import { startDevEmulator, type DevEmulator } from '../../example-app/dev-emulator';

let dev: DevEmulator | undefined;
afterEach(async () => {
  await dev?.emulator.close();
  dev = undefined;
});

function authorize(dev: DevEmulator, redirectUri: string): Promise<Response> {
  const url = new URL('/oauth2/authorize', dev.baseURL);
  url.search = new URLSearchParams({
    client_id: dev.clientID,
    redirect_uri: redirectUri,
    response_type: 'code',
    state: 's',
    scope: 'projects_read',
  }).toString();
  return fetch(url, { redirect: 'manual' });
}

describe('startDevEmulator', () => {
  const callback = 'http://localhost:3999/auth/worksection/callback';

  test("starts the interactive emulator: the app's callback gets the sign-in page, not an instant code", async () => {
    dev = await startDevEmulator(callback);
    const res = await authorize(dev, callback);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Sign in to Worksection');
  });

  test('knows the app only at its own callback URL', async () => {
    dev = await startDevEmulator(callback);
    const res = await authorize(dev, 'http://localhost:3999/elsewhere');
    expect(res.status).not.toBe(200);
    expect(res.headers.get('location')).toBeNull();
  });

  test('lists the demo users with their password and accounts, and a random client secret per start', async () => {
    dev = await startDevEmulator(callback);
    expect(dev.demoUsers[0]).toBe('Henry Gardner <Henry.Gardner@ws.com> (password "demo"; Gardner & Co, Northwind Studio)');
    const first = dev.clientSecret;
    await dev.emulator.close();
    dev = await startDevEmulator(callback);
    expect(dev.clientSecret).not.toBe(first);
    expect(dev.clientSecret.length).toBeGreaterThanOrEqual(32);
  });
});
