import { DynamicModule, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit, Provider, Type } from '@nestjs/common';
import type { ServiceRuntime } from './service-runtime';

/** What a service's application object offers the module: its runtime to start and stop. */
export interface ServiceApplication {
  readonly runtime: ServiceRuntime;
}

/**
 * Starts the runtime before the HTTP server listens (read models complete, consumers subscribed), the relays
 * once every module of the process is up, and stops it all on shutdown.
 */
class RuntimeLifecycle implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  constructor(private readonly application: ServiceApplication) {}
  onModuleInit(): Promise<void> {
    return this.application.runtime.start();
  }
  onApplicationBootstrap(): Promise<void> {
    return this.application.runtime.startPublishing();
  }
  async onApplicationShutdown(): Promise<void> {
    await this.application.runtime.stop();
    await this.application.runtime.infra.close();
  }
}

/**
 * A service as a Nest module: its controllers, its application object and the lifecycle. The platform imports
 * four of these into one process; a service's main.ts imports one.
 */
export function serviceModule<A extends ServiceApplication>(module: Type, application: A, controllers: Type[], providers: Provider[] = []): DynamicModule {
  return {
    module,
    controllers,
    providers: [
      { provide: application.constructor, useValue: application },
      { provide: Symbol(`${application.runtime.infra.service}:lifecycle`), useValue: new RuntimeLifecycle(application) },
      ...providers,
    ],
  };
}
