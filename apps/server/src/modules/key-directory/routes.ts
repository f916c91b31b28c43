import type { Handlers } from '../../http/handlers.ts';
import type { KeyDirectoryService } from './service.ts';

/** The key directory's routes: pinned keys, the newest checkpoint, lookups, own history, consistency, audits. */
export function keyDirectoryRoutes(
  directory: KeyDirectoryService,
): Pick<Handlers, 'ktKeys' | 'ktCheckpoint' | 'ktLookup' | 'ktHistory' | 'ktConsistency' | 'ktAudit'> {
  return {
    ktKeys: async () => directory.keys(),
    ktCheckpoint: async () => directory.checkpoint(),
    ktLookup: async ({ params }) => directory.lookup(params.username),
    // Only the signed-in account's own: how often someone changed devices is theirs to audit.
    ktHistory: async (_request, auth) => directory.history(auth.username),
    ktConsistency: async ({ query }) => directory.consistency(query.from, query.to),
    ktAudit: async ({ params, query }) => directory.audit(params.epoch, query.size),
  };
}
