import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';

/** Blocks this process, as a busy log reader would be, without burning the CPU the child needs. */
const stall = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

describe('exitAfterOutput', () => {
  it('exits only once a reader that lags behind has received everything written before', async () => {
    // The child says it is ready, then writes more than a pipe holds (64 KiB) and exits while this process stalls.
    const child = spawn(
      process.execPath,
      [
        '--require',
        'tsx/cjs',
        '-e',
        `const { exitAfterOutput } = require(${JSON.stringify(join(__dirname, 'process-lifecycle.ts'))});
         process.stdout.write('ready\\n');
         setTimeout(() => {
           for (let i = 0; i < 1000; i++) process.stdout.write(\`line \${i} \${'x'.repeat(200)}\\n\`);
           process.stdout.write('last line\\n');
           exitAfterOutput(3);
         }, 200);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!output) stall(1_500);
      output += chunk;
    });
    const [code] = await once(child, 'close');
    expect(code).toBe(3);
    expect(output.split('\n').filter((line) => line.startsWith('line '))).toHaveLength(1000);
    expect(output).toContain('last line\n');
  }, 30_000);
});
