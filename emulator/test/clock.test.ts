import { createManualClock } from '../src';

describe('createManualClock', () => {
  it('follows its source until moved', () => {
    let t = 1_000;
    const clock = createManualClock({ now: () => t });
    expect(clock.now()).toBe(1_000);
    t = 2_000;
    expect(clock.now()).toBe(2_000);
  });

  it('advance() moves it forward and it keeps flowing with the source afterwards', () => {
    let t = 1_000;
    const clock = createManualClock({ now: () => t });
    clock.advance(601_000);
    expect(clock.now()).toBe(602_000);
    t = 1_500;
    expect(clock.now()).toBe(602_500);
  });

  it('set() jumps to a given time', () => {
    let t = 5;
    const clock = createManualClock({ now: () => t });
    clock.set(1_699_627_402_000);
    expect(clock.now()).toBe(1_699_627_402_000);
    t = 10;
    expect(clock.now()).toBe(1_699_627_402_005);
  });

  it('refuses a non-finite amount with a message naming the method', () => {
    const clock = createManualClock();
    expect(() => clock.advance(Number.NaN)).toThrow(/clock\.advance/);
    expect(() => clock.set(Infinity)).toThrow(/clock\.set/);
  });

  it('follows the wall clock by default', () => {
    const clock = createManualClock();
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1000);
  });
});
