import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../src/index.ts';
import { startServer } from './support/start.ts';

let server: ParleyServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server?.close());

describe('GET /openapi.json', () => {
  it('serves the staff and officer API description without a session', async () => {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    const doc = await response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/v1/gov/requests']?.post?.operationId).toBe('submitRequest');
    expect(doc.paths['/v1/gov/requests'].post.requestBody.content['application/json'].schema.type).toBe(
      'object',
    );
  });
});
