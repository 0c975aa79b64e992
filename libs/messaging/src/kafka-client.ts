import nodeModule from 'node:module';
import type * as PlatformaticKafka from '@platformatic/kafka';

export type KafkaClientLibrary = typeof PlatformaticKafka;

let library: KafkaClientLibrary | undefined;

/**
 * Loads @platformatic/kafka. The package ships ES modules only; Node ≥ 20.19 loads those through `require()`
 * (require(esm), on by default since 20.19), but jest's CommonJS module registry does not (it would need
 * --experimental-vm-modules or a transform of node_modules). So the package is required through Node's own
 * loader (a real `Module` instance), which works the same under jest, ts-node and compiled output.
 */
export function loadKafkaClient(): KafkaClientLibrary {
  if (library) return library;
  const { Module } = nodeModule;
  const host = new Module(__filename);
  host.filename = __filename;
  host.paths = (Module as unknown as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(__dirname);
  library = host.require('@platformatic/kafka') as KafkaClientLibrary;
  return library;
}

/**
 * `close(true)` on a Producer or Consumer: closes its streams first (and leaves the group, for a consumer).
 * The typings pick the callback overload (`void`) for a boolean argument; without a callback it returns a promise.
 */
export const closeForced = async (client: { close(force: boolean): unknown }): Promise<void> => {
  await Promise.resolve(client.close(true));
};
