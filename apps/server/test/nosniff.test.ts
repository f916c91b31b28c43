import { limits } from '@parley/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParleyServer } from '../src/index.ts';
import { startServer } from './support/start.ts';

let server: ParleyServer;
beforeAll(async () => {
  server = await startServer({ httpRateLimit: { perSecond: 1, burst: 40 } });
});
afterAll(async () => server?.close());

const sniffable = (r: Response) => r.headers.get('x-content-type-options') !== 'nosniff';

describe('X-Content-Type-Options on API answers', () => {
  it('is nosniff on successes, refusals, errors and the log files', async () => {
    const answers: [string, Response][] = [
      ['health', await fetch(`${server.url}/health`)],
      ['catalogue', await fetch(`${server.url}/v1/catalogue`)],
      ['openapi', await fetch(`${server.url}/openapi.json`)],
      ['reports', await fetch(`${server.url}/log/reports`)],
      ['log key', await fetch(`${server.url}/log/key`)],
      ['unknown report', await fetch(`${server.url}/log/report/9.json`)],
      ['unauthenticated', await fetch(`${server.url}/v1/groups`)],
      ['no route', await fetch(`${server.url}/v1/nothing-here`)],
      ['malformed', await fetch(`${server.url}/v1/accounts`, { method: 'POST', body: '{' })],
      [
        'invalid',
        await fetch(`${server.url}/v1/auth/challenge`, { method: 'POST', body: '{"username":"<b>"}' }),
      ],
      [
        'too large',
        await fetch(`${server.url}/v1/accounts`, {
          method: 'POST',
          headers: { 'content-length': String(limits.maxHttpBodyBytes + 1) },
          body: 'x'.repeat(limits.maxHttpBodyBytes + 1),
        }),
      ],
    ];
    const statuses = new Set(answers.map(([, r]) => r.status));
    expect([...statuses].sort()).toEqual([200, 400, 401, 404, 413]);
    expect(answers.filter(([, r]) => sniffable(r)).map(([name]) => name)).toEqual([]);
  });

  it('is nosniff on a rate-limited answer', async () => {
    let limited: Response | undefined;
    for (let i = 0; i < 100 && !limited; i++) {
      const r = await fetch(`${server.url}/v1/catalogue`);
      if (r.status === 429) limited = r;
      else await r.arrayBuffer();
    }
    expect(limited?.status).toBe(429);
    expect(limited && sniffable(limited)).toBe(false);
  });
});
