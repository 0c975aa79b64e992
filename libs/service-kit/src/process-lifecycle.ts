import { Logger } from '@nestjs/common';

/** Closes cleanly on SIGINT/SIGTERM (a second signal forces the exit), so no event or checkpoint is half-written. */
export function closeOnSignals(close: () => Promise<void>, logger = new Logger('Process')): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(1);
    closing = true;
    logger.log(`${signal}: shutting down`);
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error(`shutdown failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
