import type { Handlers } from '../../http/handlers.ts';
import type { AgencyStandingService } from './standing.ts';

export function agencyStandingRoutes(
  standing: AgencyStandingService,
): Pick<Handlers, 'setAgencyStanding' | 'agencyStandingHistory' | 'listOfficers'> {
  return {
    setAgencyStanding: async ({ params, body }, principal) =>
      standing.change(principal, params.agencyId, body),
    agencyStandingHistory: async ({ params }, principal) => standing.history(principal, params.agencyId),
    listOfficers: async ({ params }, principal) => standing.listOfficers(principal, params.agencyId),
  };
}
