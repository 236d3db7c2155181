import { createHmac } from 'node:crypto';
import { adminAuthorization } from '../../src/client/admin/signature';

describe('adminAuthorization', () => {
  it('signs "<action>:<unix seconds>" with HMAC-SHA256 keyed by the API key, as Admin <t>_<hex>', () => {
    const key = 'a3f1c2d4e5b60718293a4b5c6d7e8f90';
    const now = Date.UTC(2026, 0, 2, 3, 4, 5, 678); // 1767323045.678 s
    const expectedHex = createHmac('sha256', key).update('get_tasks:1767323045').digest('hex');
    expect(adminAuthorization(key, 'get_tasks', now)).toBe(`Admin 1767323045_${expectedHex}`);
  });

  it('matches a vector computed outside the package', () => {
    // printf 'stop_timer:1700000000' | openssl dgst -sha256 -hmac 'test-key'
    expect(adminAuthorization('test-key', 'stop_timer', 1_700_000_000_999)).toBe(
      'Admin 1700000000_19408e90a7a430a341fc4c83072cce3a3b20e66913669a681081ab6d041285ee',
    );
  });

  it('changes with the action and with the second, not within the second', () => {
    const at = (action: string, now: number): string => adminAuthorization('k3y-value', action, now);
    expect(at('get_tasks', 1_000_000_000_000)).toBe(at('get_tasks', 1_000_000_000_999));
    expect(at('get_tasks', 1_000_000_000_000)).not.toBe(at('get_tasks', 1_000_000_001_000));
    expect(at('get_tasks', 1_000_000_000_000)).not.toBe(at('get_projects', 1_000_000_000_000));
  });
});
