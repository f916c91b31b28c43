import type { Handlers } from '../../http/handlers.ts';
import type { KeyPackageService } from './service.ts';

export function keyPackageRoutes(
  keyPackages: KeyPackageService,
): Pick<Handlers, 'uploadKeyPackages' | 'countKeyPackages' | 'claimKeyPackages'> {
  return {
    uploadKeyPackages: async ({ body }, auth) => keyPackages.upload(auth, body),
    countKeyPackages: async (_request, auth) => keyPackages.count(auth.deviceId),
    claimKeyPackages: async ({ body }, auth) =>
      keyPackages.claim(auth.deviceId, body.username, body.deviceIds),
  };
}
