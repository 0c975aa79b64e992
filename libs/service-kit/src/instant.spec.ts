import { isCalendarDate, isInstant } from './instant';

describe('isInstant (RFC 3339 with an offset)', () => {
  it.each(['2031-03-01T09:00:00Z', '2031-03-01T10:00:00+01:00', '2031-03-01T04:00:00-05:00', '2031-03-01T09:00:00.5Z', '2031-03-01T09:00:00.123456789Z', '2031-03-01t09:00:00z', '2032-02-29T23:59:59Z'])(
    'accepts %s, and JavaScript reads it',
    (value) => {
      expect(isInstant(value)).toBe(true);
      expect(Number.isNaN(Date.parse(value))).toBe(false);
    },
  );

  it.each([
    '2031-W10-1T09:00:00Z', // ISO week date
    '2031-060T09:00:00Z', // ordinal date
    '20310301T090000Z', // basic format
    '+2031-03-01T09:00:00Z', // expanded year
    '2031-03-01T09:00:00,5Z', // decimal comma
    '2031-03-01T09Z', // reduced precision
    '2031-03-01T09:00Z',
    '2031-03-01T09:00:00', // no offset: would be read in the server's time zone
    '2031-03-01 09:00:00Z',
    '2031-03-01',
    '2031-02-29T09:00:00Z', // no such day (JavaScript would roll it to 1 March)
    '2031-04-31T09:00:00Z',
    '2031-03-01T24:00:00Z',
    '2031-03-01T09:00:60Z',
    '2031-03-01T09:00:00+24:00',
    '2031-03-01T09:00:00+0100',
    '2031-03-01T09:00:00.1234567890Z',
    '',
    20310301,
    null,
  ])('refuses %p', (value) => expect(isInstant(value)).toBe(false));
});

describe('isCalendarDate', () => {
  it('accepts a real date and refuses one that is not', () => {
    expect(['2032-02-29', '2031-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2031-02-29', '2031-13-01', '2031-3-1', '2031-03-01T00:00:00Z'].map(isCalendarDate)).toEqual([false, false, false, false]);
  });
});
