import type { Handlers } from '../../http/handlers.ts';
import type { CaseService } from './service.ts';

export function govCaseRoutes(
  cases: CaseService,
): Pick<Handlers, 'submitRequest' | 'listCases' | 'getCase' | 'actOnCase' | 'overdueCases'> {
  return {
    submitRequest: async ({ body }, principal) => cases.submit(principal, body),
    listCases: async ({ query }, principal) => cases.list(principal, query),
    getCase: async ({ params }, principal) => cases.get(principal, params.reference),
    actOnCase: async ({ params, body }, principal) => cases.act(principal, params.reference, body),
    overdueCases: async (_request, principal) => cases.overdue(principal),
  };
}
