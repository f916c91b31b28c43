import type { RouteInput, RouteName, RouteResponse } from '@parley/protocol';
import { HttpClient, ParleyApiError } from '@parley/sdk';

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

/**
 * Calls one staff or officer route from the protocol table with a bearer session, through the sdk's typed
 * client (paths from the table, answers checked against the route's schema). The CLI never builds a path or
 * parses an answer any other way.
 */
export async function govCall<N extends RouteName>(
  server: string,
  name: N,
  input: Partial<RouteInput<N>>,
  token?: string,
): Promise<RouteResponse<N>> {
  const http = new HttpClient({ baseUrl: server, principalToken: () => token, retries: 2 });
  try {
    return await http.call(name, input);
  } catch (error) {
    if (error instanceof ParleyApiError) throw new GovCallError(error.code, error.message, error.details);
    throw error;
  }
}
