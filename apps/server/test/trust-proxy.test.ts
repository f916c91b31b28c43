/**
 * Behind a reverse proxy every request comes from the proxy's address. Unless the proxy is trusted, all
 * users would share one rate-limit bucket; once trusted, each client is limited on its own, and a client
 * cannot escape its limit by sending its own `X-Forwarded-For`.
 */
import { describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../src/http/client-address.ts';
import { startServer } from './support/start.ts';

const burst = 5;

/** A server with a burst of five requests per client and next to no refill, trusting proxies as `setting`. */
function limitedServer(setting: string) {
  const trustProxy = parseTrustProxy(setting);
  if (!trustProxy) throw new Error(`${setting} did not parse`);
  return startServer({ httpRateLimit: { perSecond: 0.001, burst }, trustProxy });
}

/** Sends `count` catalogue requests as `forwardedFor`; returns how many were refused `rate_limited`. */
async function refused(url: string, count: number, forwardedFor: string): Promise<number> {
  let limited = 0;
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${url}/v1/catalogue`, { headers: { 'x-forwarded-for': forwardedFor } });
    await response.arrayBuffer();
    if (response.status === 429) limited += 1;
  }
  return limited;
}

describe('rate limits behind a proxy', () => {
  it('without a trusted proxy, the socket address is the client, whatever the header says', async () => {
    await using server = await limitedServer('0');
    expect(await refused(server.url, burst, '203.0.113.1')).toBe(0);
    expect(await refused(server.url, 2, '203.0.113.2')).toBe(2);
  });

  it('with one trusted hop, each forwarded client has its own bucket, and a forged header does not help', async () => {
    await using server = await limitedServer('1');
    expect(await refused(server.url, burst + 2, '203.0.113.1')).toBe(2);
    expect(await refused(server.url, burst, '203.0.113.2')).toBe(0);
    // The proxy appends the address it saw; what the client put before it is not believed.
    expect(await refused(server.url, 2, '198.51.100.9, 203.0.113.1')).toBe(2);
  });

  it('trusts a proxy named by address or range, and refuses a setting that does not parse', async () => {
    await using server = await limitedServer('loopback');
    expect(await refused(server.url, burst + 1, '203.0.113.1')).toBe(1);
    expect(await refused(server.url, 1, '203.0.113.3')).toBe(0);
    expect(parseTrustProxy('10.0.0.0/8, 192.168.1.1')).toBeTypeOf('function');
    expect(parseTrustProxy('not-an-address')).toBeUndefined();
    expect(parseTrustProxy('10.0.0.0/99')).toBeUndefined();
  });
});
