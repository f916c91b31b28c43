import type { RouteName, RouteRequest, RouteResponse, Routes } from '@parley/protocol';
import type { GovPrincipal, OfficerPrincipal, StaffPrincipal } from '../modules/gov-access/principal.ts';

/** The authenticated device making a request. */
export type AuthContext = Readonly<{
  deviceId: string;
  accountId: number;
  username: string;
  tokenHash: Uint8Array;
}>;

type PrincipalOf<P> = P extends 'staff'
  ? StaffPrincipal
  : P extends 'officer'
    ? OfficerPrincipal
    : GovPrincipal;

/** Member routes get the device; staff and officer routes get their principal; public routes get null. */
type AuthOf<N extends RouteName> = Routes[N] extends { principal: infer P }
  ? PrincipalOf<P>
  : Routes[N]['auth'] extends true
    ? AuthContext
    : null;

export type Handler<N extends RouteName> = (
  request: RouteRequest<N>,
  auth: AuthOf<N>,
) => Promise<RouteResponse<N>>;

/** One handler per protocol route; modules each provide the handlers for their routes. */
export type Handlers = { [N in RouteName]: Handler<N> };
