import type { INestApplication, Type } from '@nestjs/common';
import { PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { Public } from '@app/access';

/** What one controller method reads from the request, as Nest's parameter decorators declare it. */
export interface RouteInputs {
  /** The class of `@Query()` (the whole query as a validated object). */
  queryType?: Type;
  /** Names of `@Query('name')` parameters. */
  queryNames: string[];
  /** Names of `@Headers('name')` parameters (lower case). */
  headerNames: string[];
  isPublic: boolean;
}

interface RouteArg {
  index: number;
  data?: unknown;
}

// The metadata key @Public() sets, read from a class it marks (libs/access keeps the key to itself).
@Public()
class PublicProbe {}
const publicKey = Reflect.getOwnMetadataKeys(PublicProbe)[0] as unknown;

function inputsOf(controller: Type, method: string): RouteInputs {
  const handler = controller.prototype[method] as object;
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArg>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Type[];
  const ofType = (paramtype: RouteParamtypes) => Object.entries(args).filter(([key]) => key.split(':')[0] === String(paramtype)).map(([, arg]) => arg);
  const named = (paramtype: RouteParamtypes) => ofType(paramtype).flatMap((arg) => (typeof arg.data === 'string' ? [arg.data] : []));
  const whole = ofType(RouteParamtypes.QUERY).find((arg) => arg.data === undefined);
  return {
    queryType: whole ? types[whole.index] : undefined,
    queryNames: named(RouteParamtypes.QUERY),
    headerNames: named(RouteParamtypes.HEADERS).map((name) => name.toLowerCase()),
    isPublic: Reflect.getMetadata(publicKey, handler) === true || Reflect.getMetadata(publicKey, controller) === true,
  };
}

/** Every route's inputs by swagger's default operation id (`Controller_method`). */
export function routeInputs(app: INestApplication): Map<string, RouteInputs> {
  const inputs = new Map<string, RouteInputs>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method === 'constructor' || Reflect.getMetadata(PATH_METADATA, controller.prototype[method]) === undefined) continue;
        inputs.set(`${controller.name}_${method}`, inputsOf(controller, method));
      }
    }
  }
  return inputs;
}
