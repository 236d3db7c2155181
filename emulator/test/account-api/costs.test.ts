import { one, rows, startApi, type ApiHarness } from './api-call';

describe('account API: costs', () => {
  let api: ApiHarness;
  beforeEach(async () => {
    api = await startApi('costs_read,costs_write');
  });
  afterEach(() => api.emu.close());

  it('lists cost lines with a total, filtered by project and dates', async () => {
    const all = await api.call('get_costs');
    expect(rows(all)).toHaveLength(3);
    expect(all.total).toEqual({ time: '11:45', money: '485.00' });
    const november = await api.call('get_costs', { id_project: '101', datestart: '01.11.2023', dateend: '06.11.2023' });
    expect(rows(november).map((c) => c.id)).toEqual(['4001']);
    expect(rows(november)[0]).toMatchObject({ time: '6:30', money: '325.00', date: '2023-11-06', is_timer: false });
  });

  it('answers add_costs with an id, and the line shows in get_costs and the totals', async () => {
    const added = await api.call('add_costs', {
      id_task: '1002',
      time: '1:30',
      money: '75',
      comment: 'Migration script',
      date: '08.11.2023',
    });
    expect(added).toEqual({ status: 'ok', id: expect.any(Number) as unknown });
    const line = rows(await api.call('get_costs', { id_task: '1002' })).find((c) => c.id === String(added.id));
    expect(line).toMatchObject({ time: '1:30', money: '75.00', date: '2023-11-08', comment: 'Migration script' });
    const total = await api.call('get_costs_total', { id_project: '101', extra: 'projects' });
    expect(total.total).toEqual({ time: '10:00', money: '400.00' });
    expect((total.projects as Record<string, { monthly: Record<string, unknown> }>)['101']?.monthly['2023-11']).toEqual({
      time: '10:00',
      money: '400.00',
    });
  });

  it('updates and deletes a cost line', async () => {
    expect((await api.call('update_costs', { id_costs: '4002', time: '0,5', comment: 'Shorter audit' })).status).toBe('ok');
    expect(rows(await api.call('get_costs', { id_task: '1002' }))[0]).toMatchObject({ time: '0:30', comment: 'Shorter audit' });
    expect((await api.call('delete_costs', { id_costs: '4002' })).status).toBe('ok');
    expect(rows(await api.call('get_costs', { id_task: '1002' }))).toEqual([]);
    expect((await api.call('delete_costs', { id_costs: '4002' })).status_code).toBe(10);
  });

  it('refuses costs on a closed task, without time or money, and with a bad filter date', async () => {
    expect(await api.call('add_costs', { id_task: '1001', time: '1:00' })).toMatchObject({ status_code: 8 });
    expect(await api.call('add_costs', { id_task: '1002' })).toMatchObject({ status_code: 10, message: 'Field is required' });
    expect(await api.call('get_costs', { filter: "dateadd > '2023-11-01'" })).toMatchObject({
      status_code: 10,
      message: 'Field is required',
    });
    expect(rows(await api.call('get_costs', { filter: "dateadd >= '07.11.2023' and comment has 'audit'" })).map((c) => c.id)).toEqual([
      '4002',
    ]);
  });

  it('returns the task of a cost line as get_task describes it', async () => {
    expect(one({ status: 'ok', data: rows(await api.call('get_costs', { id_task: '1001' }))[0] }).task).toMatchObject({
      id: '1001',
      page: '/project/101/1001/',
    });
  });
});
