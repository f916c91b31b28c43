import type { Handlers } from '../../http/handlers.ts';
import type { KeyDirectoryService } from './service.ts';

/** The key directory's routes: pinned keys, the newest checkpoint, lookups, log consistency and audits. */
export function keyDirectoryRoutes(
  directory: KeyDirectoryService,
): Pick<Handlers, 'ktKeys' | 'ktCheckpoint' | 'ktLookup' | 'ktConsistency' | 'ktAudit'> {
  return {
    ktKeys: async () => directory.keys(),
    ktCheckpoint: async () => directory.checkpoint(),
    ktLookup: async ({ params }) => directory.lookup(params.username),
    ktConsistency: async ({ query }) => directory.consistency(query.from, query.to),
    ktAudit: async ({ params, query }) => directory.audit(params.epoch, query.size),
  };
}
