import type { Emulator } from '../../src/emulator';
import { WorksectionClient } from '../../src';
import { startRecorder, type Recorder } from '../helpers/client-recorder';
import { signIn, startEmulator, type Grant } from '../helpers/client-setup';

let emu: Emulator;
let recorder: Recorder;
let grant: Grant;

beforeEach(async () => {
  emu = await startEmulator();
  recorder = await startRecorder(emu.url);
  grant = await signIn(emu, { baseURL: recorder.url });
  grant.accountUrl = grant.accountUrl.replace(emu.url, recorder.url);
});
afterEach(async () => {
  await recorder.close();
  await emu.close();
});

/** Gaps between the arrival times of the recorded account-API requests, in ms. */
function arrivalGaps(): number[] {
  const at = recorder.requests.filter((r) => r.url.includes('/api/oauth2')).map((r) => r.at);
  return at.slice(1).map((t, i) => t - at[i]!);
}

// Arrival gaps can be shorter than the send gaps by one request's latency (in-process, but a loaded CI machine
// can stretch it): a generous slack, still far above the ~0 ms gaps of unspaced calls.
const MIN_INTERVAL = 250;
const SLACK = 60;

describe('calls to one account', () => {
  it('arrive at Worksection spaced by minInterval, none dropped, even from separate clients', async () => {
    const minInterval = MIN_INTERVAL;
    const options = { strategy: grant.strategy, accountUrl: grant.accountUrl, tokens: grant.tokens, minInterval };
    const a = new WorksectionClient(options);
    const b = new WorksectionClient(options);
    const results = await Promise.all([a.me(), b.getProjects(), a.getUsers(), b.me(), a.getProjects()]);
    expect(results).toHaveLength(5);
    expect(emu.stats.requests.api).toBe(5);
    const gaps = arrivalGaps();
    expect(gaps).toHaveLength(4);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(minInterval - SLACK);
  });

  it('the replay after a refresh waits its turn as well', async () => {
    emu.clock.advance(86_400_000 + 1000);
    const minInterval = MIN_INTERVAL;
    const client = new WorksectionClient({ strategy: grant.strategy, accountUrl: grant.accountUrl, tokens: grant.tokens, minInterval });
    await Promise.all([client.me(), client.me()]);
    expect(emu.stats.requests.refresh).toBe(1);
    // The first call is answered 401; the second, sent after the refresh, uses the new token; then the replay.
    expect(emu.stats.requests.api).toBe(3);
    const gaps = arrivalGaps();
    expect(gaps).toHaveLength(2);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(minInterval - SLACK);
  });
});
