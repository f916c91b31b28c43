import { request } from 'node:http';
import { routes } from '@parley/protocol';

export type Answer = Readonly<{ status: number; code: string | null; retryAfter: string | null }>;

/**
 * Posts a staff or officer sign-in from a chosen loopback source address (127.0.0.2, 127.0.0.3, …), as an
 * attacker spreading guesses over many addresses would.
 */
export function signInFrom(
  baseUrl: string,
  localAddress: string,
  route: 'staffLogin' | 'officerLogin',
  body: Readonly<Record<string, string>>,
): Promise<Answer> {
  const url = new URL(routes[route].path, baseUrl);
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const parsed: unknown = JSON.parse(text);
          resolve({
            status: res.statusCode ?? 0,
            code: errorCode(parsed),
            retryAfter: res.headers['retry-after'] ?? null,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function errorCode(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = body.error;
  if (typeof error !== 'object' || error === null || !('code' in error)) return null;
  return typeof error.code === 'string' ? error.code : null;
}
