import type { Handlers } from '../../http/handlers.ts';
import type { PolicyService } from './service.ts';

export function govPolicyRoutes(
  policies: PolicyService,
): Pick<Handlers, 'proposePolicy' | 'signOffPolicy' | 'listPolicies'> {
  return {
    proposePolicy: async ({ body }, principal) => policies.propose(principal, body),
    signOffPolicy: async ({ params }, principal) => policies.signOff(principal, params.proposalId),
    listPolicies: async (_request, principal) => policies.list(principal),
  };
}
