import { createServer } from 'node:net';

// Below Linux's ephemeral range (32768-60999): a port the OS hands to outgoing connections can be taken by one while
// a test has its server stopped, and the restart then finds it in use. Ports here are only ever given on request.
const lowest = 20_000;
const highest = 32_767;

const listenable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A port nothing listens on right now, outside the ephemeral range, so a test can stop and restart what it serves. */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = lowest + Math.floor(Math.random() * (highest - lowest + 1));
    if (await listenable(port)) return port;
  }
}
