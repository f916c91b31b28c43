import type { Handlers } from '../../http/handlers.ts';
import type { KeyDirectoryService } from './service.ts';

/** The key directory's routes: pinned keys, the newest checkpoint, lookups and epoch log consistency. */
export function keyDirectoryRoutes(
  directory: KeyDirectoryService,
): Pick<Handlers, 'ktKeys' | 'ktCheckpoint' | 'ktLookup' | 'ktConsistency'> {
  return {
    ktKeys: async () => directory.keys(),
    ktCheckpoint: async () => directory.checkpoint(),
    ktLookup: async ({ params }) => directory.lookup(params.username),
    ktConsistency: async ({ query }) => directory.consistency(query.from, query.to),
  };
}
