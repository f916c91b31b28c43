import type { Handlers } from '../../http/handlers.ts';
import type { PolicyService } from './service.ts';

export function govPolicyRoutes(
  policies: PolicyService,
): Pick<Handlers, 'proposePolicy' | 'importPolicy' | 'signOffPolicy' | 'listPolicies'> {
  return {
    proposePolicy: async ({ body }, principal) => policies.propose(principal, body),
    importPolicy: async ({ body }, principal) => policies.importHistorical(principal, body),
    signOffPolicy: async ({ params }, principal) => policies.signOff(principal, params.proposalId),
    listPolicies: async (_request, principal) => policies.list(principal),
  };
}
