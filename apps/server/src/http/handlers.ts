import type { RouteName, RouteRequest, RouteResponse, Routes } from '@parley/protocol';

/** The authenticated device making a request. */
export type AuthContext = Readonly<{
  deviceId: string;
  accountId: number;
  username: string;
  tokenHash: Uint8Array;
}>;

type AuthOf<N extends RouteName> = Routes[N]['auth'] extends true ? AuthContext : null;

export type Handler<N extends RouteName> = (
  request: RouteRequest<N>,
  auth: AuthOf<N>,
) => Promise<RouteResponse<N>>;

/** One handler per protocol route; modules each provide the handlers for their routes. */
export type Handlers = { [N in RouteName]: Handler<N> };
