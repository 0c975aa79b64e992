import { commonConfig, parseDuration, rateLimitOf, tokenSettingsOf } from './config';

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

  it('defaults to shared-secret tokens living at most 24 h with 60 s of clock skew, and 3000 requests a second per organisation', () => {
    const config = commonConfig({}, 3000);
    expect(tokenSettingsOf(config)).toEqual({ secret: undefined, jwks: undefined, rules: { maxLifetimeSeconds: 86_400, clockSkewSeconds: 60 } });
    expect(rateLimitOf(config)).toEqual({ perOrganisation: 3000, windowMs: 1000 });
  });

  it('reads an identity provider, token rules and the rate limit', () => {
    const config = commonConfig(
      {
        AUTH_JWKS_URL: 'https://login.example.org/jwks.json',
        AUTH_ISSUER: 'https://login.example.org',
        AUTH_AUDIENCE: 'booking-api',
        AUTH_MAX_TOKEN_LIFETIME: '1h',
        AUTH_CLOCK_SKEW: '5s',
        RATE_LIMIT_PER_ORG: '50',
        RATE_LIMIT_WINDOW: '10s',
      },
      3000,
    );
    expect(tokenSettingsOf(config)).toEqual({
      secret: undefined,
      jwks: { url: 'https://login.example.org/jwks.json', issuer: 'https://login.example.org', audience: 'booking-api' },
      rules: { maxLifetimeSeconds: 3600, clockSkewSeconds: 5 },
    });
    expect(rateLimitOf(config)).toEqual({ perOrganisation: 50, windowMs: 10_000 });
    expect(rateLimitOf(commonConfig({ RATE_LIMIT_PER_ORG: 'off' }, 3000))).toBe('off');
  });

  it.each([
    ['ORGANISATION_NAMES', { ORGANISATION_NAMES: 'not a pair' }],
    ['REMINDER_OFFSETS', { REMINDER_OFFSETS: '48h,soon' }],
    ['NOTIFY_TEMPLATES', { NOTIFY_TEMPLATES: '["t-1"]' }],
    ['AUTH_JWKS_URL without AUTH_ISSUER and AUTH_AUDIENCE', { AUTH_JWKS_URL: 'https://login.example.org/jwks.json' }],
    ['AUTH_MAX_TOKEN_LIFETIME', { AUTH_MAX_TOKEN_LIFETIME: '1500ms' }],
    ['RATE_LIMIT_PER_ORG', { RATE_LIMIT_PER_ORG: 'lots' }],
    ['RATE_LIMIT_WINDOW', { RATE_LIMIT_WINDOW: '0s' }],
  ])('stops the process on a bad %s', (_variable, env) => {
    const exit = jest.spyOn(process, 'exit').mockImplementation((() => {
      throw new Error('exit');
    }) as never);
    const errors = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(() => commonConfig(env, 3000)).toThrow('exit');
    } finally {
      exit.mockRestore();
      errors.mockRestore();
    }
  });
});
