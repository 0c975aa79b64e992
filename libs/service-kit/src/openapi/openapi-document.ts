import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { problemResponse } from './decorators';
import { headerParameters, headerRef, parameterOfHeader, parameterRef, responseHeaderNames, responseHeaders } from './headers';
import { inputSchemas, withoutNull } from './input-schemas';
import type { JsonSchema } from './json-schema';
import { ProblemStatus, problemSchema } from './problem.schema';
import { RouteInputs, routeInputs } from './route-inputs';

export interface ApiDescription {
  title: string;
  description: string;
  version: string;
}

type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { headers?: Record<string, unknown>; links?: Record<string, { operationId: string }> }>;
  security?: unknown[];
};
type Parameter = { name?: string; in?: string; required?: boolean; schema?: JsonSchema; description?: string; $ref?: string };

const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The document as Nest's swagger module reads the controllers, completed from the validation rules. */
export function openApiDocument(app: INestApplication, api: ApiDescription): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle(api.title)
    .setDescription(api.description)
    .setVersion(api.version)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addSecurityRequirements('bearer')
    .build();
  // Completed in place below: a copy, so nothing the decorators hold is changed for the next document built.
  const document = structuredClone(SwaggerModule.createDocument(app, config));
  const { schemas: inputs } = inputSchemas();
  const routes = routeInputs(app);
  for (const operation of operationsOf(document)) complete(operation, routes.get(operation.operationId), inputs);
  dropLinksElsewhere(document);
  const hoisted: Record<string, JsonSchema> = {};
  hoistTitled(document.paths, hoisted);
  const available: Record<string, JsonSchema> = { ...inputs, ...hoisted, Problem: problemSchema };
  document.components = {
    ...document.components,
    schemas: reachable(document.paths, available) as never,
    parameters: headerParameters as never,
    headers: responseHeaders as never,
  };
  return document;
}

/** Query parameters, header parameters, security and the refusals every route can give. */
function complete(operation: Operation, inputs: RouteInputs | undefined, schemas: Record<string, JsonSchema>): void {
  if (!inputs) throw new Error(`no route found for operation ${operation.operationId}`);
  const declared = operation.parameters ?? [];
  const declaredQuery = (name: string) => declared.find((parameter) => parameter.in === 'query' && parameter.name === name);
  // A query parameter the controller also describes (@ApiQuery: a rule the controller checks) adds that to the DTO's rules.
  const queryParameters = (inputs.queryType ? queryParametersOf(schemas[inputs.queryType.name], inputs.queryType.name) : []).map((parameter) => {
    const refined = declaredQuery(parameter.name!);
    return refined ? { ...parameter, ...refined, required: parameter.required, schema: { ...parameter.schema, ...refined.schema } } : parameter;
  });
  const named = inputs.queryNames.filter((name) => !declaredQuery(name)).map((name): Parameter => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
  const headers = inputs.headerNames.map((name) => parameterOf(name, operation.operationId));
  operation.parameters = [
    ...declared.filter((parameter) => parameter.in !== 'header' && !queryParameters.some((query) => parameter.in === 'query' && query.name === parameter.name)).map(boundPathParameter),
    ...queryParameters,
    ...named,
    ...headers,
    ...declared.filter((parameter) => parameter.in === 'header' && !headers.some((ref) => ref.$ref === refOfHeaderNamed(parameter.name))).map(headerAsRef),
    parameterRef('CorrelationId'),
  ];
  if (inputs.isPublic) operation.security = [];
  const hasPathParameters = declared.some((parameter) => parameter.in === 'path');
  const refusals: ProblemStatus[] = [
    400,
    ...(inputs.isPublic ? [] : ([401, 429] as const)),
    ...(operation.requestBody ? ([413, 415] as const) : []),
    ...(hasPathParameters ? ([414] as const) : []),
    500,
    ...(inputs.isPublic ? [] : ([503] as const)),
  ];
  for (const status of refusals) operation.responses[status] ??= problemResponse(status);
  for (const response of Object.values(operation.responses)) response.headers = { [responseHeaderNames.CorrelationId]: headerRef('CorrelationId'), ...response.headers };
}

const operationsOf = (document: OpenAPIObject): Operation[] =>
  Object.values(document.paths).flatMap((path) => methods.flatMap((method) => (path[method] ? [path[method] as Operation] : [])));

/** A service alone serves only its own routes: links to another service's operations leave its document. */
function dropLinksElsewhere(document: OpenAPIObject): void {
  const operations = operationsOf(document);
  const ids = new Set(operations.map((operation) => operation.operationId));
  for (const response of operations.flatMap((operation) => Object.values(operation.responses))) {
    if (!response.links) continue;
    response.links = Object.fromEntries(Object.entries(response.links).filter(([, link]) => ids.has(link.operationId)));
    if (Object.keys(response.links).length === 0) delete response.links;
  }
}

/** Path parameters are 1 to 100 characters (Fastify's maxParamLength), and whatever else the controller says (@ApiParam). */
const boundPathParameter = (parameter: Parameter): Parameter =>
  parameter.in === 'path' ? { ...parameter, schema: { type: 'string', minLength: 1, maxLength: 100, ...parameter.schema } } : parameter;

function queryParametersOf(schema: JsonSchema | undefined, name: string): Parameter[] {
  if (!schema?.properties) throw new Error(`no validation rules on the query class ${name}`);
  return Object.entries(schema.properties).map(([property, propertySchema]) => ({
    name: property,
    in: 'query',
    required: schema.required?.includes(property) ?? false,
    schema: withoutNull(propertySchema),
    ...(typeof propertySchema.description === 'string' ? { description: propertySchema.description } : {}),
  }));
}

function parameterOf(header: string, operationId: string): Parameter {
  const name = parameterOfHeader[header];
  if (!name) throw new Error(`${operationId} reads the header ${header}: describe it in openapi/headers.ts`);
  return parameterRef(name);
}

const refOfHeaderNamed = (name: string | undefined): string | undefined => {
  const component = name ? parameterOfHeader[name.toLowerCase()] : undefined;
  return component ? parameterRef(component).$ref : undefined;
};

const headerAsRef = (parameter: Parameter): Parameter => {
  const ref = refOfHeaderNamed(parameter.name);
  return ref ? { $ref: ref } : parameter;
};

/** Response schemas written with a `title` become named components, referenced where they were. */
function hoistTitled(node: unknown, into: Record<string, JsonSchema>): unknown {
  if (Array.isArray(node)) return node.map((item) => hoistTitled(item, into));
  if (node === null || typeof node !== 'object') return node;
  const object = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(object)) object[key] = key === 'example' || key === 'examples' ? value : hoistTitled(value, into);
  if (typeof object.title === 'string' && (object.type !== undefined || object.anyOf !== undefined || object.oneOf !== undefined)) {
    const name = object.title;
    const known = into[name];
    if (known && JSON.stringify(known) !== JSON.stringify(object)) throw new Error(`two different response schemas are titled ${name}`);
    into[name] = object as JsonSchema;
    return { $ref: `#/components/schemas/${name}` };
  }
  return object;
}

/** The schemas the paths use, and those they use in turn. */
function reachable(paths: unknown, available: Record<string, JsonSchema>): Record<string, JsonSchema> {
  const used: Record<string, JsonSchema> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (used[name]) continue;
        if (!available[name]) throw new Error(`the document refers to a schema nobody defined: ${name}`);
        used[name] = available[name];
        visit(used[name]);
      } else if (key !== 'example' && key !== 'examples') visit(value);
    }
  };
  visit(paths);
  return Object.fromEntries(Object.entries(used).sort(([a], [b]) => a.localeCompare(b)));
}
