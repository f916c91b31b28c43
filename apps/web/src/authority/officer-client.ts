import type { RouteInput, RouteResponse } from '@parley/protocol';
import { type FetchLike, HttpClient } from '@parley/sdk/browser';

/** The routes an officer's page may call: sign-in, intake, own-agency cases, productions, the catalogue. */
export type OfficerRoute =
  | 'officerLogin'
  | 'govLogout'
  | 'catalogue'
  | 'submitRequest'
  | 'listCases'
  | 'getCase'
  | 'actOnCase'
  | 'downloadProduction';

/**
 * The officer API over the protocol's route table, through the SDK's typed HTTP client (schema-checked
 * answers, `ParleyApiError` with the protocol's error code). Staff and officer routes are not member routes,
 * so the client does not attach a token itself; this wrapper adds the officer's bearer token when there is one.
 */
export class OfficerClient {
  readonly #http: HttpClient;

  constructor(origin: string, token: () => string | undefined) {
    const withBearer: FetchLike = (url, init) => {
      const current = token();
      const headers =
        current === undefined ? init.headers : { ...init.headers, authorization: `Bearer ${current}` };
      return fetch(url, { ...init, headers });
    };
    this.#http = new HttpClient({ baseUrl: origin, fetch: withBearer, retries: 2 });
  }

  call<N extends OfficerRoute>(name: N, input: Partial<RouteInput<N>> = {}): Promise<RouteResponse<N>> {
    return this.#http.call(name, input);
  }
}
