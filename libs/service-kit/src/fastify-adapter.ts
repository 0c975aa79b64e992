import { FastifyAdapter } from '@nestjs/platform-fastify';
import { parseJsonBodies } from './json-body';
import { routerRefusals } from './router-refusals';

/**
 * The Fastify adapter of every HTTP app: bodies of at most 1 MB, JSON read with a nesting limit, and the router's
 * own refusals answered as problems through the usual hooks. Nest must not add its own body parsers
 * (`bodyParser: false`): JSON is parsed here, any other media type is refused.
 */
export function fastifyAdapter(): FastifyAdapter {
  const refusals = routerRefusals();
  const adapter = new FastifyAdapter({ bodyLimit: 1024 * 1024, routerOptions: refusals.routerOptions });
  refusals.attach(adapter.getInstance());
  parseJsonBodies(adapter.getInstance());
  return adapter;
}
