import { Logger } from '@nestjs/common';

/** Closes cleanly on SIGINT/SIGTERM (a second signal forces the exit), so no event or checkpoint is half-written. */
export function closeOnSignals(close: () => Promise<void>, logger = new Logger('Process')): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.log(`${signal}: shutting down`);
    close().then(
      () => exitAfterOutput(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        exitAfterOutput(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

/**
 * process.exit(code) once stdout and stderr have handed on what they hold. On a pipe (a container's log, a parent
 * process) writes queue while the reader lags, and process.exit drops them: the last lines, the shutdown's among them.
 * Stops waiting after `maxWaitMs`, so a reader that has stalled cannot keep the process alive.
 */
export function exitAfterOutput(code: number, maxWaitMs = 5_000): void {
  const exit = () => process.exit(code);
  setTimeout(exit, maxWaitMs);
  let flushing = 2;
  for (const stream of [process.stdout, process.stderr]) stream.write('', () => --flushing === 0 && exit());
}
