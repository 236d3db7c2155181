import { FaultTable, oversizedBody, parseFault } from '../../src/control/faults';

describe('FaultTable', () => {
  it('draws probability per request from its random source', () => {
    const draws = [0.1, 0.9, 0.49, 0.5];
    const table = new FaultTable(() => draws.shift()!);
    table.set('token', { type: 'hang', probability: 0.5 });
    expect([table.take('token'), table.take('token'), table.take('token'), table.take('token')].map(Boolean)).toEqual([
      true,
      false,
      true,
      false,
    ]);
  });

  it('uses up times only when the fault applies', () => {
    const draws = [0.9, 0.1, 0.1];
    const table = new FaultTable(() => draws.shift()!);
    table.set('token', { type: 'hang', probability: 0.5, times: 2 });
    expect(table.take('token')).toBeUndefined();
    expect(table.take('token')).toMatchObject({ times: 2 });
    expect(table.take('token')).toMatchObject({ times: 1 });
    expect(table.list()).toEqual({});
  });

  it('copies what it is given, so later edits by the caller change nothing', () => {
    const table = new FaultTable();
    const fault = { type: 'delay' as const, ms: 5 };
    table.set('api', fault);
    fault.ms = 500;
    expect(table.list().api).toEqual({ type: 'delay', ms: 5 });
  });

  it('parseFault drops unknown fields and checks each type', () => {
    expect(parseFault({ type: 'truncate', extra: 1 })).toEqual({ type: 'truncate' });
    expect(() => parseFault({ type: 'respond', status: 99, body: '' })).toThrow(/status/);
    expect(() => parseFault({ type: 'respond', status: 500, body: '', headers: { a: 1 } })).toThrow(/headers/);
    expect(() => parseFault({ type: 'oversized', bytes: -1 })).toThrow(/bytes/);
    expect(() => parseFault({ type: 'hang', times: 0 })).toThrow(/times/);
    expect(() => parseFault(null)).toThrow(/object/);
  });

  it('parseFault checks a rateLimit fault: retryAfter in whole seconds', () => {
    expect(parseFault({ type: 'rateLimit', retryAfter: 5, times: 2 })).toEqual({ type: 'rateLimit', retryAfter: 5, times: 2 });
    expect(parseFault({ type: 'rateLimit' })).toEqual({ type: 'rateLimit' });
    expect(() => parseFault({ type: 'rateLimit', retryAfter: 1.5 })).toThrow(/retryAfter/);
    expect(() => parseFault({ type: 'rateLimit', retryAfter: -1 })).toThrow(/retryAfter/);
  });

  it('takes a rateLimit fault as the 429 answer it amounts to, and lists it as it was set', () => {
    const table = new FaultTable();
    table.set('api', { type: 'rateLimit', retryAfter: 7 });
    expect(table.take('api')).toMatchObject({
      type: 'respond',
      status: 429,
      headers: expect.objectContaining({ 'Retry-After': '7' }) as unknown,
    });
    expect(table.list()).toEqual({ api: { type: 'rateLimit', retryAfter: 7 } });
  });

  it('a rateLimit fault with minInterval refuses only a call that comes too soon after the last one to the same account', () => {
    let now = 1_000_000;
    const table = new FaultTable(Math.random, () => now);
    table.set('api', { type: 'rateLimit', minInterval: 1000 });
    expect(table.take('api', 'acc1')).toBeUndefined();
    now += 300;
    expect(table.take('api', 'acc1')).toMatchObject({ status: 429, headers: expect.objectContaining({ 'Retry-After': '1' }) as unknown });
    expect(table.take('api', 'acc2')).toBeUndefined();
    // A refused call does not restart the window: 1000 ms after the last call that went through, the next goes through.
    now += 700;
    expect(table.take('api', 'acc1')).toBeUndefined();
    table.set('api', { type: 'rateLimit', minInterval: 5000 });
    now += 100;
    expect(table.take('api', 'acc1')).toMatchObject({ headers: expect.objectContaining({ 'Retry-After': '5' }) as unknown });
    expect(() => parseFault({ type: 'rateLimit', minInterval: 0 })).toThrow(/minInterval/);
    expect(() => parseFault({ type: 'rateLimit', minInterval: 1.5 })).toThrow(/minInterval/);
  });

  it('refuses a rateLimit fault on an OAuth endpoint, in a list too', () => {
    const table = new FaultTable();
    expect(() => table.set('token', { type: 'rateLimit' })).toThrow(/api endpoint only/);
    expect(() => table.set('resource', [{ type: 'hang' }, { type: 'rateLimit' }])).toThrow(/api endpoint only/);
    expect(table.list()).toEqual({});
  });

  it('oversizedBody is exactly the requested size and looks like a token answer', () => {
    expect(oversizedBody(1000)).toHaveLength(1000);
    expect(oversizedBody(1000).startsWith('{"token_type":"Bearer"')).toBe(true);
    expect(oversizedBody(1000).endsWith('"}')).toBe(true);
    expect(oversizedBody(5)).toHaveLength(5);
  });
});

describe('FaultTable with a list of faults', () => {
  it('gives each request the first fault whose draw succeeds, in order', () => {
    const draws = [0.01, 0.5, 0.01, 0.5, 0.5];
    const table = new FaultTable(() => draws.shift()!);
    table.set('token', [
      { type: 'hang', probability: 0.02 },
      { type: 'reset', probability: 0.02 },
    ]);
    expect(table.take('token')?.type).toBe('hang');
    expect(table.take('token')?.type).toBe('reset');
    expect(table.take('token')).toBeUndefined();
  });

  it('removes a fault of the list after its last use and lists what is left', () => {
    const table = new FaultTable();
    table.set('api', [
      { type: 'truncate', times: 1 },
      { type: 'delay', ms: 1 },
    ]);
    expect(table.take('api')?.type).toBe('truncate');
    expect(table.list()).toEqual({ api: [{ type: 'delay', ms: 1 }] });
    expect(table.take('api')?.type).toBe('delay');
  });

  it('lists a single fault as it was set', () => {
    const table = new FaultTable();
    table.set('api', { type: 'hang' });
    expect(table.list()).toEqual({ api: { type: 'hang' } });
  });
});
