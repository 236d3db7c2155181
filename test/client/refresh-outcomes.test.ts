import { hash, RefreshOutcomes, ROTATION_MEMORY_MS, UNSAVED_ROTATION_MEMORY_MS } from '../../src/client/refresh-outcomes';
import type { TokenSet } from '../../src';

function tokenSet(refreshToken: string): TokenSet {
  return { accessToken: `access-${refreshToken}`, refreshToken, expiresIn: 86400, expiresAt: 0, tokenType: 'Bearer' };
}

describe('RefreshOutcomes', () => {
  it('remembers the cause of a failed refresh by token, without keeping the token itself', () => {
    const outcomes = new RefreshOutcomes();
    const cause = new Error('lost');
    outcomes.failed('def50200aaaa', cause);
    expect(outcomes.get('def50200aaaa')).toEqual({ failed: cause });
    expect(outcomes.get('def50200bbbb')).toBeUndefined();
    const keys = [...(outcomes as unknown as { entries: Map<string, unknown> }).entries.keys()];
    expect(keys).toEqual([hash('def50200aaaa')]);
  });

  it('follows rotations to the newest tokens, and a failure at the end of the chain', () => {
    const outcomes = new RefreshOutcomes();
    outcomes.rotated('rt-1', tokenSet('rt-2'));
    outcomes.rotated('rt-2', tokenSet('rt-3'));
    expect(outcomes.get('rt-1')).toEqual({ rotated: tokenSet('rt-3') });
    outcomes.failed('rt-3', 'gone');
    expect(outcomes.get('rt-1')).toEqual({ failed: 'gone' });
  });

  it('deletes every outcome a minute after it was made, keeping the younger ones', () => {
    let now = 0;
    const outcomes = new RefreshOutcomes(() => now);
    outcomes.rotated('rt-1', tokenSet('rt-2'));
    outcomes.saved(tokenSet('rt-2'));
    outcomes.failed('rt-9', 'gone');
    now = 30_000;
    outcomes.failed('rt-young', 'later');
    expect(outcomes.size).toBe(3);
    now = ROTATION_MEMORY_MS + 1;
    expect(outcomes.size).toBe(1);
    expect(outcomes.get('rt-1')).toBeUndefined();
    expect(outcomes.get('rt-9')).toBeUndefined();
    expect(outcomes.get('rt-young')).toEqual({ failed: 'later' });
  });

  it('forgets the oldest entries beyond 10000, so memory stays bounded', () => {
    const outcomes = new RefreshOutcomes();
    for (let i = 0; i <= 10_000; i++) outcomes.failed(`token-${i}`, i);
    expect(outcomes.get('token-0')).toBeUndefined();
    expect(outcomes.get('token-1')).toEqual({ failed: 1 });
    expect(outcomes.get('token-10000')).toEqual({ failed: 10_000 });
  });

  it("keeps a rotation nobody saved until one is saved, or for a refresh token's lifetime (a month)", () => {
    let now = 0;
    const outcomes = new RefreshOutcomes(() => now);
    outcomes.rotated('rt-1', tokenSet('rt-2'));
    outcomes.rotated('rt-5', tokenSet('rt-6'));
    now = UNSAVED_ROTATION_MEMORY_MS - 1;
    expect(outcomes.get('rt-1')).toEqual({ rotated: tokenSet('rt-2') });
    outcomes.saved(tokenSet('rt-6'));
    expect(outcomes.get('rt-5')).toBeUndefined();
    now = UNSAVED_ROTATION_MEMORY_MS + 1;
    expect(outcomes.get('rt-1')).toBeUndefined();
    expect(outcomes.size).toBe(0);
  });

  it('keeps at most 10000 unsaved rotations, forgetting the oldest first', () => {
    const outcomes = new RefreshOutcomes();
    for (let i = 0; i <= 10_000; i++) outcomes.rotated(`rt-${i}`, tokenSet(`new-${i}`));
    expect(outcomes.get('rt-0')).toBeUndefined();
    expect(outcomes.get('rt-10000')).toEqual({ rotated: tokenSet('new-10000') });
  });
});
