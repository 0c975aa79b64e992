import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Wrong arguments: the command exits 2 and shows its usage line. */
export class UsageError extends Error {}

/** What a command reads and writes: the process's own streams and environment, or a test's. */
export interface CommandIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  env: NodeJS.ProcessEnv;
}

/** A command: its arguments (after the script name) to an exit code (0 done, 1 failed, naming what failed). */
export type Command = (args: string[], io: CommandIo) => Promise<number>;

type Options = NonNullable<ParseArgsConfig['options']>;

/** Named options, and positional arguments where the command takes some; anything else is a UsageError. */
export function parseCommandLine<O extends Options>(args: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** Named options only. */
export const parseOptions = <O extends Options>(args: string[], options: O) => parseCommandLine(args, options).values;

/** Runs a command; wrong arguments exit 2 with the usage line, an unexpected error exits 1 with its message. */
export async function runCommand(command: Command, usage: string, args: string[], io: CommandIo): Promise<number> {
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\nusage: ${usage}\n`);
      return 2;
    }
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** The entry point of an ops script: runs the command on this process's arguments and streams. */
export function runAsProcess(command: Command, usage: string): void {
  const io: CommandIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
  void runCommand(command, usage, process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
