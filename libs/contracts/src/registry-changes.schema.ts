import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The JSON Schema of registry.changes.v1 (RegistryEntryChangedV1), for tests and for subscribers to validate against. */
export const registryChangesSchemaFile = join(__dirname, '..', 'schemas', 'registry.changes.v1.json');

export const registryChangesSchema = (): Record<string, unknown> => JSON.parse(readFileSync(registryChangesSchemaFile, 'utf8'));
