import { describe, expect, it } from 'vitest';
import { governanceRoutes } from './governance-http.ts';
import { openApiDocument } from './openapi.ts';

describe('the OpenAPI document', () => {
  it('describes every staff and officer route with its method, body schema and security', () => {
    const doc = openApiDocument();
    expect(doc.openapi).toBe('3.1.0');
    const paths = JSON.parse(JSON.stringify(doc.paths)) as Record<
      string,
      Record<string, Record<string, unknown>>
    >;
    for (const [name, route] of Object.entries(governanceRoutes)) {
      const operation = paths[route.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[route.method.toLowerCase()];
      expect(operation?.operationId, name).toBe(name);
      if ('body' in route) expect(operation?.requestBody, name).toBeDefined();
      if ('principal' in route) expect(operation?.security, name).toEqual([{ [route.principal]: [] }]);
    }
  });
});
