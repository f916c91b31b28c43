import type { Handlers } from '../../http/handlers.ts';
import type { CatalogueService } from './service.ts';

export function catalogueRoutes(catalogue: CatalogueService): Pick<Handlers, 'catalogue'> {
  return { catalogue: async () => catalogue.catalogue() };
}
