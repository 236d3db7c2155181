import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { settle } from '../../src/strategy/settle';

const run = promisify(execFile);

describe('settle', () => {
  it('hands a resolved value to the value callback and a rejection to the error callback', async () => {
    const seen: unknown[] = [];
    settle(
      Promise.resolve(42),
      (v) => seen.push(['value', v]),
      (e) => seen.push(['error', e]),
    );
    const boom = new Error('nope');
    settle(
      Promise.reject(boom),
      (v) => seen.push(['value', v]),
      (e) => seen.push(['error', e]),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([
      ['value', 42],
      ['error', boom],
    ]);
  });

  it('lets an exception thrown by the callback crash as an uncaught exception, not vanish as a rejection', async () => {
    // A child process, since the point is what reaches the process.
    const settlePath = path.resolve(__dirname, '../../src/strategy/settle.ts');
    const register = path.resolve(__dirname, '../helpers/ts-register.cjs');
    const script = `require(${JSON.stringify(register)}); require(${JSON.stringify(settlePath)}).settle(Promise.resolve(1), () => { throw new Error('thrown by verify'); }, () => {});`;
    const outcome = await run(process.execPath, ['-e', script]).then(
      () => ({ code: 0, stderr: '' }),
      (err: unknown) => {
        const { code, stderr } = err as { code: number; stderr: string };
        return { code, stderr };
      },
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(/Error: thrown by verify/);
    expect(outcome.stderr).not.toMatch(/unhandled/i);
  });
});
