import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateContractSchemas, schemasDir } from './contract-schemas';

// `npm run contracts:schemas`: rewrites libs/contracts/schemas from the TypeScript contract types.
const schemas = generateContractSchemas();
rmSync(schemasDir, { recursive: true, force: true });
for (const [file, text] of schemas) {
  mkdirSync(dirname(join(schemasDir, file)), { recursive: true });
  writeFileSync(join(schemasDir, file), text);
}
console.log(`wrote ${schemas.size} schemas to ${schemasDir}`);
