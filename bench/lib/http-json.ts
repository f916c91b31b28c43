import { request } from 'node:http';

export type JsonResponse = Readonly<{ status: number; body: unknown }>;

/**
 * One HTTP request with a JSON body, sent from `localAddress`. The server limits HTTP requests per client
 * address, so the generator spreads its simulated devices over 127.0.0.0/8 source addresses as real
 * devices would arrive from many addresses; the destination is always the loopback URL it was given.
 */
export function httpJson(
  url: URL,
  method: 'GET' | 'POST',
  body: unknown,
  token: string | undefined,
  localAddress: string,
  timeoutMs = 15_000,
): Promise<JsonResponse> {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        localAddress,
        timeout: timeoutMs,
        headers: {
          ...(data === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: text === '' ? null : JSON.parse(text) });
          } catch (error) {
            reject(error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
    req.on('error', reject);
    req.end(data);
  });
}

/** The source address for simulated device `index`: 127.0.0.2 … 127.0.0.251, then round again. */
export const sourceAddress = (index: number): string => `127.0.0.${2 + (index % 250)}`;
