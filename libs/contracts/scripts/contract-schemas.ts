import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { integrationEventContracts, schemaFileOf } from '../src/integration-events';

/** Where the generated schemas are committed. */
export const schemasDir = join(__dirname, '..', 'schemas');

const source = join(__dirname, '..', 'src', 'integration-events.ts');

/**
 * The JSON Schema (draft-07) of every integration event contract, generated from the TypeScript types: the whole
 * envelope, `type` and `version` as constants, objects closed (no property the type does not name).
 * Keyed by file, relative to {@link schemasDir}; each value is the file's exact text.
 */
export function generateContractSchemas(): Map<string, string> {
  const generator = createGenerator({
    path: source,
    tsconfig: join(__dirname, '..', '..', '..', 'tsconfig.json'),
    skipTypeCheck: true,
    topRef: false,
    additionalProperties: false,
  });
  const schemas = new Map<string, string>();
  for (const contract of integrationEventContracts) {
    const { $schema, ...schema } = generator.createSchema(contract.typeName);
    const titled = { $schema, title: `${contract.type} v${contract.version} (${contract.typeName})`, ...schema };
    schemas.set(schemaFileOf(contract), `${JSON.stringify(titled, null, 2)}\n`);
  }
  return schemas;
}
