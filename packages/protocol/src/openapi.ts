import { z } from 'zod';
import { governanceRoutes } from './governance-http.ts';
import { productionRoutes } from './production-http.ts';
import { version } from './version.ts';

/** The route that serves the document below; public, like the API description it carries. */
export const openApiRoutes = {
  openapi: {
    method: 'GET',
    path: '/openapi.json',
    auth: false,
    response: z.record(z.string(), z.unknown()),
    status: 200,
  },
} as const;

type JsonObject = Record<string, unknown>;

/** The parts of a route definition the document needs (structural, so http.ts can include these routes). */
type DescribedRoute = Readonly<{
  method: string;
  path: string;
  principal?: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
  status: number;
}>;

const schema = (s: z.ZodType, io: 'input' | 'output'): JsonObject =>
  z.toJSONSchema(s, { io, unrepresentable: 'any', target: 'draft-2020-12' });

/**
 * OpenAPI 3.1 for the staff and officer API, generated from the same zod schemas the server validates with,
 * so the description cannot drift from what is enforced.
 */
export function openApiDocument(): JsonObject {
  const paths: Record<string, Record<string, JsonObject>> = {};
  const all: Record<string, DescribedRoute> = { ...governanceRoutes, ...productionRoutes };
  for (const [name, route] of Object.entries(all)) {
    const path = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const parameters = [
      ...Object.keys(objectShape(route.params)).map((p) => ({
        name: p,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      ...Object.entries(objectShape(route.query)).map(([q, s]) => ({
        name: q,
        in: 'query',
        schema: schema(s, 'input'),
      })),
    ];
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = {
      operationId: name,
      ...(route.principal ? { security: [{ [route.principal]: [] }] } : {}),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [String(route.status)]: {
          description: 'success',
          content: { 'application/json': { schema: schema(route.response, 'output') } },
        },
        default: { description: 'an error: { error: { code, message, details? } } (docs/protocol.md)' },
      },
    };
  }
  const bearer = { type: 'http', scheme: 'bearer' };
  return {
    openapi: '3.1.0',
    info: { title: 'Parley government-request API (staff and officers)', version },
    paths,
    components: { securitySchemes: { staff: bearer, officer: bearer, staff_or_officer: bearer } },
  };
}

function objectShape(s: z.ZodType | undefined): Record<string, z.ZodType> {
  return s instanceof z.ZodObject ? s.shape : {};
}
