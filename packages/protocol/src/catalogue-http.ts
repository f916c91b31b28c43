import { DataCatalogue } from './governance-case-schemas.ts';

/** The machine-readable data catalogue: public, so members, agencies and journalists read the same list. */
export const catalogueRoutes = {
  catalogue: {
    method: 'GET',
    path: '/v1/catalogue',
    auth: false,
    response: DataCatalogue,
    status: 200,
  },
} as const;
