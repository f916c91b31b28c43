import { type RouteInput, type RouteName, type RouteResponse, routes } from '@parley/protocol';

/** A refused staff or officer call, with the protocol's error code (printed; never the session token). */
export class GovCallError extends Error {
  override readonly name = 'GovCallError';
  constructor(
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(`${code}: ${message}`);
  }
}

function errorOf(status: number, body: unknown): GovCallError {
  const error = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error)
    return new GovCallError(
      String(error.code),
      String(error.message),
      'details' in error ? error.details : null,
    );
  return new GovCallError('http_error', `HTTP ${status}`, null);
}

/**
 * Calls one staff or officer route from the protocol table with a bearer session, and checks the answer
 * against the route's schema. The CLI never builds a path or parses an answer any other way.
 */
export async function govCall<N extends RouteName>(
  server: string,
  name: N,
  input: Partial<RouteInput<N>>,
  token?: string,
): Promise<RouteResponse<N>> {
  const route = routes[name];
  const params: Record<string, unknown> = { ...(input.params ?? {}) };
  const path = route.path.replace(/:([A-Za-z]+)/g, (_, key: string) =>
    encodeURIComponent(String(params[key])),
  );
  const query = new URLSearchParams(
    Object.entries(input.query ?? {}).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  const response = await fetch(`${server.replace(/\/+$/, '')}${path}${query ? `?${query}` : ''}`, {
    method: route.method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(input.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
  });
  const body: unknown = await response.json().catch(() => null);
  if (response.status !== route.status) throw errorOf(response.status, body);
  const parsed = route.response.safeParse(body);
  if (!parsed.success) throw new GovCallError('bad_response', `unexpected answer to ${name}`, null);
  // The schema just checked is the one RouteResponse<N> is inferred from.
  return parsed.data as RouteResponse<N>;
}
