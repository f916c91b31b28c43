import { logPrefix, logResources } from '@parley/protocol';
import type { Hono } from 'hono';
import type { Handlers } from '../../http/handlers.ts';
import type { TransparencyLogService } from './service.ts';

/** The JSON proof routes of the route table. */
export function logRoutes(
  log: TransparencyLogService,
): Pick<Handlers, 'logInclusionProof' | 'logConsistencyProof' | 'logHandovers'> {
  return {
    logHandovers: async () => ({ handovers: await log.handovers() }),
    logInclusionProof: async ({ query }) => log.inclusionProof(query.index, query.size),
    logConsistencyProof: async ({ query }) => log.consistencyProof(query.from, query.to),
  };
}

/**
 * The checkpoint and tiles, in their C2SP formats with the cache policy protocol's `logResources` gives.
 * Mounted ahead of the per-address rate limit: they are static files meant for caches and mirrors.
 */
export function mountLogResources(app: Hono, log: TransparencyLogService): void {
  const { checkpoint, key, tiles } = logResources;
  app.on(key.method, key.path, (c) =>
    c.body(`${log.key.vkey}\n`, 200, { 'content-type': key.contentType, 'cache-control': key.cacheControl }),
  );
  app.on(checkpoint.method, checkpoint.path, async (c) =>
    c.body(await log.checkpoint(), 200, {
      'content-type': checkpoint.contentType,
      'cache-control': checkpoint.cacheControl,
    }),
  );
  app.on(tiles.method, tiles.path, async (c) => {
    const data = await log.tile(c.req.path.slice(logPrefix.length));
    return c.body(new Uint8Array(data), 200, {
      'content-type': tiles.contentType,
      'cache-control': tiles.cacheControl,
    });
  });
}
