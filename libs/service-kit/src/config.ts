import { cleanEnv, makeValidator, port, str } from 'envalid';
import { TokenSettings, defaultTokenRules, odsCode } from '@app/access';
import { RateLimit, defaultRateLimit } from './rate-limit';

const brokers = makeValidator<string[]>((value) => {
  const list = value.split(',').map((item) => item.trim()).filter(Boolean);
  if (list.length === 0 || !list.every((item) => /^[^\s:]+:\d{1,5}$/.test(item))) {
    throw new Error('expected a comma-separated list of host:port, e.g. 127.0.0.1:9092');
  }
  return list;
});

const urlWithScheme = (schemes: string[]) =>
  makeValidator<string>((value) => {
    if (!schemes.some((scheme) => value.startsWith(`${scheme}://`))) throw new Error(`expected a URL starting with ${schemes.map((s) => `${s}://`).join(' or ')}`);
    return value;
  });

const secret = makeValidator<string>((value) => {
  if (value.length < 32) throw new Error('expected at least 32 characters (it signs access tokens)');
  return value;
});

const positiveInt = (max: number) =>
  makeValidator<number>((value) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed <= 0 || parsed > max) throw new Error(`expected a whole number from 1 to ${max}`);
    return parsed;
  });

const durationUnits: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `90s`, `30m`, `1h`, `2d` → milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d{1,9})(ms|s|m|h|d)$/.exec(value.trim());
  if (!match) throw new Error(`"${value}" is not a duration: expected a whole number and a unit (ms, s, m, h, d), e.g. 48h`);
  return Number(match[1]) * durationUnits[match[2]];
}

const duration = makeValidator<number>(parseDuration);

const positiveDuration = makeValidator<number>((value) => {
  const ms = parseDuration(value);
  if (ms === 0) throw new Error('expected more than nothing, e.g. 1s');
  return ms;
});

/** A duration in whole seconds (as JWT times are): `24h` → 86400. */
const seconds = makeValidator<number>((value) => {
  const ms = parseDuration(value);
  if (ms % 1000 !== 0) throw new Error('expected whole seconds, e.g. 60s or 24h');
  return ms / 1000;
});

const limitOrOff = makeValidator<number | 'off'>((value) => {
  if (value.trim() === 'off') return 'off';
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0 || parsed > 1_000_000) throw new Error('expected a whole number from 1 to 1000000, or off');
  return parsed;
});

const durations = makeValidator<number[]>((value) => (value.trim() === '' ? [] : value.split(',').map(parseDuration)));

/** `A81001=Riverside Surgery;Y12345=North Hub` → a map from ODS code to name. */
const organisationNames = makeValidator<Record<string, string>>((value) => {
  const names: Record<string, string> = {};
  for (const pair of value.split(';').map((item) => item.trim()).filter(Boolean)) {
    const [code, ...name] = pair.split('=');
    if (!odsCode.test(code.trim()) || name.join('=').trim() === '') throw new Error(`"${pair}": expected ODS=Name pairs separated by ;`);
    names[code.trim()] = name.join('=').trim();
  }
  return names;
});

const jsonObject = makeValidator<Record<string, string>>((value) => {
  const parsed: unknown = JSON.parse(value);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed) || !Object.values(parsed).every((item) => typeof item === 'string')) {
    throw new Error('expected a JSON object of strings');
  }
  return parsed as Record<string, string>;
});

const needsJwks = (env: Record<string, unknown>): boolean => env.AUTH_JWKS_URL !== undefined;

/** Settings every process reads (`npm run token` too); a bad value stops the process naming the variable and what it expects. */
export function commonConfig(env: NodeJS.ProcessEnv, defaultPort: number) {
  return cleanEnv(env, {
    PORT: port({ default: defaultPort, desc: 'HTTP port' }),
    DATA_DIR: str({ default: './data', desc: 'folder for SQLite event stores and the local signing key' }),
    AUTH_SECRET: secret({ default: undefined, desc: 'HS256 secret for access tokens; a key kept in DATA_DIR when unset; unused with AUTH_JWKS_URL' }),
    AUTH_JWKS_URL: urlWithScheme(['https', 'http'])({ default: undefined, desc: "identity provider's JWKS: RS256/ES256 tokens only, no shared secret" }),
    AUTH_ISSUER: str({ default: undefined, requiredWhen: needsJwks, desc: 'the iss tokens must carry (with AUTH_JWKS_URL)' }),
    AUTH_AUDIENCE: str({ default: undefined, requiredWhen: needsJwks, desc: 'the aud tokens must carry (with AUTH_JWKS_URL)' }),
    AUTH_MAX_TOKEN_LIFETIME: seconds({ default: defaultTokenRules.maxLifetimeSeconds, desc: 'longest token lifetime accepted (exp - iat), e.g. 24h' }),
    AUTH_CLOCK_SKEW: seconds({ default: defaultTokenRules.clockSkewSeconds, desc: "how far the token issuer's clock may be off (exp, nbf, iat), e.g. 60s" }),
    RATE_LIMIT_PER_ORG: limitOrOff({ default: defaultRateLimit.perOrganisation, desc: 'requests per RATE_LIMIT_WINDOW from one organisation (one address without a valid token); off for none' }),
    RATE_LIMIT_WINDOW: positiveDuration({ default: defaultRateLimit.windowMs, desc: 'the window RATE_LIMIT_PER_ORG counts in, e.g. 1s' }),
    BOOKING_CONFIRM_TIMEOUT_MS: positiveInt(60_000)({ default: 5000, desc: 'how long POST /appointments waits for the saga' }),
    BOOKING_DEADLINE_MS: positiveInt(3_600_000)({ default: 30_000, desc: 'a booking or reschedule still pending after this is rejected (timeout)' }),
    HOLD_TTL_SECONDS: positiveInt(300)({ default: 300, desc: 'how long a hold keeps a place on a slot' }),
    HOLD_LIMIT_PER_ORG: positiveInt(10_000)({ default: 10, desc: 'unexpired holds one organisation may have at a time' }),
    REGISTRY_EXPIRY_GRACE: duration({ default: 3_600_000, desc: 'a booked registry entry expires this long after its end (e.g. 1h)' }),
    APPOINTMENTS_BASE_URL: str({ default: '', desc: "prefix of a registry entry's appointmentUrl (the booking-service's public URL)" }),
    REMINDER_OFFSETS: durations({ default: [172_800_000, 7_200_000], desc: 'reminders this long before the start, comma-separated (e.g. 48h,2h)' }),
    ORGANISATION_NAMES: organisationNames({ default: {}, desc: 'names of organisations for messages: ODS=Name;ODS=Name' }),
    NOTIFY_API_KEY: str({ default: undefined, desc: 'GOV.UK Notify API key; messages stay in the outbox when unset' }),
    NOTIFY_BASE_URL: urlWithScheme(['http', 'https'])({ default: undefined, desc: 'GOV.UK Notify API base URL (default the public service)' }),
    NOTIFY_TEMPLATES: jsonObject({ default: {}, desc: 'Notify template ids by "<kind>.<channel>.<language>" (JSON object)' }),
  });
}

/** Settings of a service running on its own (distributed mode). */
export function distributedConfig(env: NodeJS.ProcessEnv, defaultPort: number) {
  return {
    ...commonConfig(env, defaultPort),
    ...cleanEnv(env, {
      KAFKA_BROKERS: brokers({ desc: 'Kafka bootstrap brokers, e.g. 127.0.0.1:9092' }),
      MONGODB_URL: urlWithScheme(['mongodb', 'mongodb+srv'])({ desc: 'MongoDB (or FerretDB) for read models' }),
      MONGODB_DATABASE: str({ default: 'appointment_booking', desc: 'database name prefix' }),
      EVENTSTORE_URL: urlWithScheme(['kurrentdb', 'kurrentdb+discover', 'esdb', 'esdb+discover'])({
        default: undefined,
        desc: 'KurrentDB/EventStoreDB; the SQLite event store in DATA_DIR when unset',
      }),
    }),
  };
}

/** The token verifier's settings, from the AUTH_* variables. */
export const tokenSettingsOf = (config: CommonConfig): TokenSettings => ({
  secret: config.AUTH_SECRET,
  jwks: config.AUTH_JWKS_URL ? { url: config.AUTH_JWKS_URL, issuer: config.AUTH_ISSUER!, audience: config.AUTH_AUDIENCE! } : undefined,
  rules: { maxLifetimeSeconds: config.AUTH_MAX_TOKEN_LIFETIME, clockSkewSeconds: config.AUTH_CLOCK_SKEW },
});

/** The rate limit from RATE_LIMIT_PER_ORG and RATE_LIMIT_WINDOW. */
export const rateLimitOf = (config: CommonConfig): RateLimit =>
  config.RATE_LIMIT_PER_ORG === 'off' ? 'off' : { perOrganisation: config.RATE_LIMIT_PER_ORG, windowMs: config.RATE_LIMIT_WINDOW };

export type CommonConfig = ReturnType<typeof commonConfig>;
export type DistributedConfig = ReturnType<typeof distributedConfig>;
