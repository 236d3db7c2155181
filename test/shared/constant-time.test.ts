import { safeEqual } from '../../src/shared/constant-time';

describe('safeEqual', () => {
  it('is true for equal secrets only, whatever their lengths', () => {
    expect(safeEqual('csrf-token-1', 'csrf-token-1')).toBe(true);
    expect(safeEqual('csrf-token-1', 'csrf-token-2')).toBe(false);
    expect(safeEqual('csrf-token-1', 'csrf-token-12')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });
});
