import { PassThrough, Readable } from 'node:stream';
import { runCommand, type Command } from '../cli';

/** Runs a command as the process would, on the given stdin and environment; what it printed and its exit code. */
export async function run(command: Command, args: string[], env: NodeJS.ProcessEnv, stdin = '', usage = 'usage line') {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk));
  stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const code = await runCommand(command, usage, args, { stdin: Readable.from([stdin]), stdout, stderr, env });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
