import { adminCall } from '../helpers/admin-call';
import { one, rows, startApi, type ApiHarness } from './api-call';

describe('account API: timers', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('costs_read,costs_write');
  });
  afterEach(() => api.emu.close());

  it("lists the account's running timers with their elapsed time (admin API)", async () => {
    const [timer] = rows((await adminCall(api.emu, 'get_timers')).json);
    expect(timer).toMatchObject({ id: '90', user_from: { id: '2477' }, task: { id: '1002' } });
    expect(timer?.time).toMatch(/^00:4[5-9]:\d\d$/);
  });

  it("starts, reads and stops the user's own timer, which books a timer cost", async () => {
    expect(rows(await api.call('get_my_timer'))).toEqual([]);
    expect((await api.call('start_my_timer', { id_task: '1002' })).status).toBe('ok');
    expect(await api.call('start_my_timer', { id_task: '1002' })).toEqual({
      status: 'error',
      status_code: 6,
      message: 'Timer is already started',
    });
    api.emu.clock.advance(90 * 60_000);
    expect(one(await api.call('get_my_timer'))).toEqual({
      time: 5400,
      date_started: expect.any(String) as unknown,
      task: expect.objectContaining({ id: '1002' }) as unknown,
    });
    expect((await api.call('stop_my_timer', { comment: 'Migration' })).status).toBe('ok');
    const booked = rows(await api.call('get_costs', { id_task: '1002', is_timer: 1 }));
    expect(booked).toEqual([expect.objectContaining({ time: '1:30', comment: 'Migration', is_timer: true }) as unknown]);
    expect(await api.call('stop_my_timer')).toEqual({ status: 'error', status_code: 7, message: 'Timer is not started' });
  });

  it("discards the user's timer with delete_my_timer and stops anyone's with stop_timer (admin API)", async () => {
    await api.call('start_my_timer', { id_task: '1002' });
    expect((await api.call('delete_my_timer')).status).toBe('ok');
    expect(rows(await api.call('get_my_timer'))).toEqual([]);
    expect((await adminCall(api.emu, 'stop_timer', { timer: '90' })).json.status).toBe('ok');
    expect(rows((await adminCall(api.emu, 'get_timers')).json)).toEqual([]);
    expect((await adminCall(api.emu, 'stop_timer', { timer: '90' })).json).toEqual({
      status: 'error',
      status_code: 7,
      message: 'Timer not found',
    });
  });

  it('refuses a timer on a closed task (code 8)', async () => {
    expect(await api.call('start_my_timer', { id_task: '1001' })).toMatchObject({ status_code: 8 });
  });
});
