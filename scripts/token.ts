/**
 * Prints an access token for the platform using the same key it does (AUTH_SECRET, or the key kept in DATA_DIR).
 *   npm run -s token -- --org A81001 --org-type gp-practice --role booker [--federation F1] [--sub u1] [--expires 8h]
 */
import { parseArgs } from 'node:util';
import { Roles, claimsFromPayload, formatSeconds, resolveSigningKey, signToken } from '../libs/access/src';
import { commonConfig, parseDuration } from '../libs/service-kit/src/config';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      org: { type: 'string' },
      'org-type': { type: 'string' },
      role: { type: 'string' },
      federation: { type: 'string', multiple: true },
      sub: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
    strict: true,
  });
  if (!values.org || !values['org-type'] || !values.role) {
    throw new Error(`usage: npm run -s token -- --org <ODS code> --org-type <type> --role <${Roles.join('|')}> [--federation F]... [--sub id] [--expires 8h]`);
  }
  const config = commonConfig(process.env, 3000);
  if (config.AUTH_JWKS_URL) throw new Error('AUTH_JWKS_URL is set: the platform accepts only tokens of that identity provider, which mints them');
  const lifetimeSeconds = Math.floor(parseDuration(values.expires) / 1000);
  if (lifetimeSeconds < 1 || lifetimeSeconds > config.AUTH_MAX_TOKEN_LIFETIME) {
    throw new Error(`--expires ${values.expires}: a token lives from 1s to ${formatSeconds(config.AUTH_MAX_TOKEN_LIFETIME)} (AUTH_MAX_TOKEN_LIFETIME); the platform refuses longer ones`);
  }
  const claims = claimsFromPayload({
    sub: values.sub ?? `${values.org}-${values.role}`,
    org: values.org,
    orgType: values['org-type'],
    federations: values.federation ?? [],
    role: values.role,
  });
  const key = resolveSigningKey({ authSecret: config.AUTH_SECRET, dataDir: config.DATA_DIR });
  process.stdout.write(`${await signToken(claims, key, lifetimeSeconds)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
