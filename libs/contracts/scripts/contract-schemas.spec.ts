import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateContractSchemas, schemasDir } from './contract-schemas';

const committedFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? committedFiles(join(dir, entry.name)) : [relative(schemasDir, join(dir, entry.name))],
  );

describe('committed JSON Schemas (libs/contracts/schemas)', () => {
  const generated = generateContractSchemas();

  it.each([...generated.keys()])('%s matches the TypeScript contract types (else: npm run contracts:schemas)', (file) => {
    const path = join(schemasDir, file);
    expect(existsSync(path) ? readFileSync(path, 'utf8') : `missing: ${file}`).toBe(generated.get(file));
  });

  it('holds no schema of a contract that is gone', () => {
    expect(committedFiles(schemasDir).filter((file) => !generated.has(file))).toEqual([]);
  });
});
