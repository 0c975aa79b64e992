import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

/** An OpenAPI document, read loosely: the checks below say what must hold. */
export type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object>; parameters: Record<string, Parameter>; headers: Record<string, object>; securitySchemes: Record<string, object> };
  security?: Record<string, string[]>[];
};
export type Operation = {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: object; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, Response>;
  security?: unknown[];
};
type Response = { description?: string; content?: Record<string, { schema: object }>; headers?: Record<string, { $ref?: string }>; links?: Record<string, Link> };
type Link = { operationId: string; parameters?: Record<string, string>; requestBody?: unknown };
export type Parameter = { $ref?: string; name?: string; in?: string; required?: boolean; schema?: object };

export const operationMethods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** `METHOD /path/:param` of every route Fastify serves (HEAD, which Fastify adds to every GET, left out). */
export function servedRoutes(fastify: FastifyInstance): string[] {
  const routes: string[] = [];
  const labels: string[] = [];
  for (const line of fastify.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1].length / 4;
    labels.length = depth;
    labels.push(match[2]);
    const methods = match[3]?.split(', ').filter((method) => method !== 'HEAD') ?? [];
    routes.push(...methods.map((method) => `${method} ${labels.join('')}`));
  }
  return routes.sort();
}

/** `METHOD /path/:param` of every operation of the document. */
export function documentedRoutes(document: Document): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, item]) => Object.keys(item).filter((key) => operationMethods.includes(key)).map((method) => `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`))
    .sort();
}

export const operationsOf = (document: Document): Array<{ route: string; operation: Operation }> =>
  Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([key]) => operationMethods.includes(key))
      .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
  );

/** The document's references to its schemas, made references into one Ajv schema holding them all as $defs. */
const intoDefs = (schema: object): object => JSON.parse(JSON.stringify(schema).replace(/"#\/components\/schemas\//g, '"openapi#/$defs/'));

/** Ajv (JSON Schema 2020-12, as OpenAPI 3.1) holding the document's component schemas, to compile and check against. */
export function schemaChecker(document: Document) {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  ajv.addKeyword('example');
  ajv.addSchema({ $id: 'openapi', $defs: intoDefs(document.components.schemas) });
  const compiled = new Map<object, ValidateFunction>();
  const compile = (schema: object): ValidateFunction => {
    if (!compiled.has(schema)) compiled.set(schema, ajv.compile(intoDefs(schema)));
    return compiled.get(schema)!;
  };
  return {
    compile,
    /** The value's breaches of the schema (none: it conforms). */
    problems(schema: object, value: unknown): string[] {
      const validate = compile(schema);
      return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message}`);
    },
  };
}

const componentOf = (ref: string | undefined, prefix: string) => (ref?.startsWith(prefix) ? ref.slice(prefix.length) : undefined);

/**
 * What the OpenAPI 3.1 specification requires of the parts this document uses, each breach named: the version,
 * info, unique operation ids, path parameters declared for every template variable (and only those), parameters
 * with a name, a place and a schema, every reference resolving, a described answer for every status, links to
 * operations (and parameters) that exist, and the security schemes that operations name.
 */
export function documentProblems(document: Document): string[] {
  const problems: string[] = [];
  if (document.openapi !== '3.1.0') problems.push(`openapi is ${document.openapi}, not 3.1.0`);
  if (typeof document.info?.title !== 'string' || typeof document.info?.version !== 'string') problems.push('info needs a title and a version');
  const ids = new Map<string, string>();
  const parameterOf = (parameter: Parameter): Parameter | undefined => {
    const name = componentOf(parameter.$ref, '#/components/parameters/');
    return parameter.$ref === undefined ? parameter : name ? document.components.parameters[name] : undefined;
  };
  for (const { route, operation } of operationsOf(document)) {
    if (!operation.operationId) problems.push(`${route}: no operationId`);
    else if (ids.has(operation.operationId)) problems.push(`${route}: operationId ${operation.operationId} is also ${ids.get(operation.operationId)}'s`);
    ids.set(operation.operationId, route);
    const parameters = (operation.parameters ?? []).map((parameter) => {
      const resolved = parameterOf(parameter);
      if (!resolved) problems.push(`${route}: parameter ${parameter.$ref} does not resolve`);
      return resolved;
    });
    for (const parameter of parameters.filter((p): p is Parameter => p !== undefined)) {
      if (!parameter.name || !['path', 'query', 'header', 'cookie'].includes(parameter.in ?? '') || !parameter.schema) problems.push(`${route}: parameter ${JSON.stringify(parameter)} needs name, in and schema`);
      if (parameter.in === 'path' && parameter.required !== true) problems.push(`${route}: path parameter ${parameter.name} must be required`);
    }
    const templated = [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
    const declared = parameters.filter((p) => p?.in === 'path').map((p) => p!.name!).sort();
    if (JSON.stringify(templated) !== JSON.stringify(declared)) problems.push(`${route}: path parameters ${declared.join(', ')} do not match the template's ${templated.join(', ')}`);
    const twice = parameters.map((p) => `${p?.in} ${p?.name?.toLowerCase()}`).filter((key, index, all) => all.indexOf(key) !== index);
    if (twice.length > 0) problems.push(`${route}: parameters declared twice: ${twice.join(', ')}`);
    if (!Object.keys(operation.responses ?? {}).some((status) => /^2\d\d$/.test(status))) problems.push(`${route}: no success answer`);
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      if (!/^[1-5]\d\d$/.test(status)) problems.push(`${route}: status ${status} is no HTTP status`);
      if (typeof response.description !== 'string') problems.push(`${route} ${status}: no description`);
      for (const [name, header] of Object.entries(response.headers ?? {})) {
        const component = componentOf(header.$ref, '#/components/headers/');
        if (header.$ref !== undefined && (!component || !document.components.headers[component])) problems.push(`${route} ${status}: header ${name} does not resolve`);
      }
    }
    for (const requirement of operation.security ?? document.security ?? []) {
      for (const scheme of Object.keys(requirement as object)) if (!document.components.securitySchemes?.[scheme]) problems.push(`${route}: security scheme ${scheme} is not defined`);
    }
  }
  const byId = new Map(operationsOf(document).map(({ operation }) => [operation.operationId, operation]));
  for (const { route, operation } of operationsOf(document)) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      for (const [name, link] of Object.entries(response.links ?? {})) {
        const target = byId.get(link.operationId);
        if (!target) {
          problems.push(`${route} ${status}: link ${name} names no operation (${link.operationId})`);
          continue;
        }
        const targetParameters = (target.parameters ?? []).map((parameter) => parameterOf(parameter));
        for (const parameter of Object.keys(link.parameters ?? {})) {
          const [place, parameterName] = parameter.includes('.') ? parameter.split(/\.(.*)/) : [undefined, parameter];
          const found = targetParameters.some((p) => p?.name?.toLowerCase() === parameterName.toLowerCase() && (place === undefined || p?.in === place));
          if (!found) problems.push(`${route} ${status}: link ${name} sets ${parameter}, which ${link.operationId} does not take`);
        }
        if (link.requestBody !== undefined && !target.requestBody) problems.push(`${route} ${status}: link ${name} sends a body ${link.operationId} does not take`);
      }
    }
  }
  const refs = JSON.stringify(document).match(/"\$ref":"[^"]*"/g) ?? [];
  for (const ref of new Set(refs.map((text) => text.slice(8, -1)))) {
    const [, kind, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
    if (!kind || !(document.components as Record<string, Record<string, unknown>>)[kind]?.[name]) problems.push(`$ref ${ref} does not resolve`);
  }
  return problems;
}
