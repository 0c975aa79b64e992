import { cleanEnv, makeValidator, num, port, str } from 'envalid';

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

/** Settings every process reads; a bad value stops the process naming the variable and what it expects. */
export function commonConfig(env: NodeJS.ProcessEnv, defaultPort: number) {
  return cleanEnv(env, {
    PORT: port({ default: defaultPort, desc: 'HTTP port' }),
    DATA_DIR: str({ default: './data', desc: 'folder for SQLite event stores and the local signing key' }),
    AUTH_SECRET: secret({ default: undefined, desc: 'HS256 secret for access tokens; a key kept in DATA_DIR when unset' }),
    BOOKING_CONFIRM_TIMEOUT_MS: positiveInt(60_000)({ default: 5000, desc: 'how long POST /appointments waits for the saga' }),
    BOOKING_DEADLINE_MS: positiveInt(3_600_000)({ default: 30_000, desc: 'a booking or reschedule still pending after this is rejected (timeout)' }),
    HOLD_TTL_SECONDS: positiveInt(300)({ default: 300, desc: 'how long a hold keeps a place on a slot' }),
    HOLD_LIMIT_PER_ORG: positiveInt(10_000)({ default: 10, desc: 'unexpired holds one organisation may have at a time' }),
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

export type CommonConfig = ReturnType<typeof commonConfig>;
export type DistributedConfig = ReturnType<typeof distributedConfig>;
