import { DynamicModule, LogLevel, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AuthGuard } from '@app/access';
import { recordAccess } from './access-log';
import { HEALTH_CHECKS, HealthChecks, HealthController } from './health.controller';
import { ProblemFilter } from './problem.filter';
import { problemContentType, problemType } from './problem';
import { strictValidationPipe } from './validation';

@Module({})
class RootModule {}

export interface HttpAppOptions {
  modules: DynamicModule[];
  signingKey: Uint8Array;
  health: HealthChecks;
  logger?: LogLevel[] | false;
}

/**
 * One HTTP application for one or more services: bearer-token guard, strict validation, problem+json for
 * every error (Nest routes Fastify's own errors, such as malformed JSON, through the same filter).
 */
export async function createHttpApp(options: HttpAppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024 });
  recordAccess(adapter.getInstance());
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    const type = request.headers['content-type'];
    if (request.method === 'GET' || request.method === 'HEAD' || type === undefined || /^application\/([\w.+-]+\+)?json\b/i.test(type)) return;
    await reply
      .status(415)
      .header('content-type', problemContentType)
      .send({ type: problemType('unsupported-media-type'), title: 'Unsupported media type', status: 415, detail: `send application/json, not ${type}`, instance: request.url });
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    {
      module: RootModule,
      imports: options.modules,
      controllers: [HealthController],
      providers: [
        { provide: HEALTH_CHECKS, useValue: options.health },
        { provide: APP_GUARD, useFactory: (reflector: Reflector) => new AuthGuard(reflector, options.signingKey), inject: [Reflector] },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    },
    adapter,
    { logger: options.logger ?? ['log', 'warn', 'error'], abortOnError: false },
  );
  app.useGlobalPipes(strictValidationPipe());
  return app;
}

