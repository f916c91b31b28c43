import type { Handlers } from '../../http/handlers.ts';
import type { ProductionService } from './service.ts';

export function productionRoutes(productions: ProductionService): Pick<Handlers, 'downloadProduction'> {
  return {
    downloadProduction: async ({ params }, officer) => productions.download(officer, params.reference),
  };
}
