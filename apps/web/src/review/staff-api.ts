import type { governanceAccessRoutes, governanceRoutes, RouteInput, RouteResponse } from '@parley/protocol';
import { HttpClient, ParleyApiError } from '@parley/sdk/browser';

/** The staff and officer routes of the protocol table; the console calls no other. */
export type StaffRoute = keyof typeof governanceRoutes | keyof typeof governanceAccessRoutes;

/**
 * A typed client for the staff API. Paths, methods and answers come from the protocol's route table through
 * the sdk's `HttpClient`, which sends the staff session on the table's staff routes; this reports a refused
 * session so the console can drop it.
 */
export class StaffApi {
  readonly #http: HttpClient;
  readonly #onSessionEnded: () => void;

  constructor(origin: string, token: () => string | undefined, onSessionEnded: () => void) {
    this.#http = new HttpClient({ baseUrl: origin, principalToken: token, retries: 2 });
    this.#onSessionEnded = onSessionEnded;
  }

  /** Calls one route; any refusal is a `ParleyApiError` with the protocol's code and details. */
  async call<N extends StaffRoute>(name: N, input: Partial<RouteInput<N>> = {}): Promise<RouteResponse<N>> {
    try {
      return await this.#http.call(name, input);
    } catch (error) {
      // The server's clock decides when a session expires; its refusal is the only reliable signal.
      if (error instanceof ParleyApiError && error.code === 'unauthenticated') this.#onSessionEnded();
      throw error;
    }
  }
}
