/**
 * Prints an access token for the platform using the same key it does (AUTH_SECRET, or the key kept in DATA_DIR).
 *   npm run -s token -- --org A81001 --org-type gp-practice --role booker [--federation F1] [--sub u1] [--expires 8h]
 */
import { parseArgs } from 'node:util';
import { Roles, claimsFromPayload, resolveSigningKey, signToken } from '../libs/access/src';

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
  const claims = claimsFromPayload({
    sub: values.sub ?? `${values.org}-${values.role}`,
    org: values.org,
    orgType: values['org-type'],
    federations: values.federation ?? [],
    role: values.role,
  });
  const key = resolveSigningKey({ authSecret: process.env.AUTH_SECRET || undefined, dataDir: process.env.DATA_DIR || './data' });
  process.stdout.write(`${await signToken(claims, key, values.expires)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
