import { commonConfig, parseDuration } from './config';

describe('configuration', () => {
  it('reads durations with their unit', () => {
    expect(parseDuration('48h')).toBe(172_800_000);
    expect(parseDuration('90s')).toBe(90_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(() => parseDuration('2 hours')).toThrow(/not a duration/);
    expect(() => parseDuration('-1h')).toThrow(/not a duration/);
  });

  it('reads reminder offsets, organisation names and Notify templates', () => {
    const config = commonConfig(
      {
        REMINDER_OFFSETS: '48h, 2h,15m',
        ORGANISATION_NAMES: 'A81001=Riverside Surgery; Y12345=North Hub',
        NOTIFY_TEMPLATES: '{"confirmation.sms.en":"t-1"}',
        REGISTRY_EXPIRY_GRACE: '30m',
      },
      3000,
    );
    expect(config.REMINDER_OFFSETS).toEqual([172_800_000, 7_200_000, 900_000]);
    expect(config.ORGANISATION_NAMES).toEqual({ A81001: 'Riverside Surgery', Y12345: 'North Hub' });
    expect(config.NOTIFY_TEMPLATES).toEqual({ 'confirmation.sms.en': 't-1' });
    expect(config.REGISTRY_EXPIRY_GRACE).toBe(1_800_000);
  });

  it('defaults to reminders 48 h and 2 h before, an hour of grace, and the outbox', () => {
    const config = commonConfig({}, 3000);
    expect(config.REMINDER_OFFSETS).toEqual([172_800_000, 7_200_000]);
    expect(config.REGISTRY_EXPIRY_GRACE).toBe(3_600_000);
    expect(config.NOTIFY_API_KEY).toBeUndefined();
  });

  it.each([
    ['ORGANISATION_NAMES', 'not a pair'],
    ['REMINDER_OFFSETS', '48h,soon'],
    ['NOTIFY_TEMPLATES', '["t-1"]'],
  ])('stops the process on a bad %s', (variable, value) => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exit');
    }) as never);
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => commonConfig({ [variable]: value }, 3000)).toThrow('exit');
    } finally {
      exit.mockRestore();
      errors.mockRestore();
    }
  });
});
