import type { RouteInput, RouteResponse } from '@parley/protocol';
import { HttpClient } from '@parley/sdk/browser';

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
 * answers, `ParleyApiError` with the protocol's error code), which sends the officer's session on the
 * table's officer routes.
 */
export class OfficerClient {
  readonly #http: HttpClient;

  constructor(origin: string, token: () => string | undefined) {
    this.#http = new HttpClient({ baseUrl: origin, principalToken: token, retries: 2 });
  }

  call<N extends OfficerRoute>(name: N, input: Partial<RouteInput<N>> = {}): Promise<RouteResponse<N>> {
    return this.#http.call(name, input);
  }
}
