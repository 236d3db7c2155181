import { ApiError } from '../../src/errors/api-error';
import { dateTimeOf, formatMinutes, parseDayParam, parseTimeParam } from '../../src/account-api/dates';

describe('account API dates and times', () => {
  it('reads DD.MM.YYYY into YYYY-MM-DD and refuses impossible or differently written dates', () => {
    expect(parseDayParam('dateend', '29.02.2024')).toBe('2024-02-29');
    for (const bad of ['29.02.2023', '2024-02-01', '1.2.2024', '32.01.2024', '01.13.2024', '']) {
      expect(() => parseDayParam('dateend', bad)).toThrow(ApiError);
    }
  });

  it('shows moments as YYYY-MM-DD HH:MM in UTC', () => {
    expect(dateTimeOf(Date.UTC(2024, 0, 2, 3, 4, 59))).toBe('2024-01-02 03:04');
  });

  it('reads time costs as H:MM or decimal hours and shows them as H:MM', () => {
    expect(parseTimeParam('time', '1:30')).toBe(90);
    expect(parseTimeParam('time', '1,25')).toBe(75);
    expect(parseTimeParam('time', '0.5')).toBe(30);
    expect(formatMinutes(605)).toBe('10:05');
    for (const bad of ['1:75', '-1', '1e9', '99999999', 'abc']) expect(() => parseTimeParam('time', bad)).toThrow(ApiError);
  });
});
