import '../strict-csp.ts';
import { logPrefix, logResources } from '@parley/protocol';
import { auditLog, httpLogFetcher, LogVerificationError, parseClaim } from '@parley/sdk';
import { type AuditMessage, type AuditRequest, isPolicy } from './verify-messages.ts';

/**
 * Runs `auditLog` (the same code as `parley verify`) off the page's thread: hashing every tile and entry of
 * a large log takes seconds, and the page must stay usable meanwhile.
 */
const post = (message: AuditMessage) => postMessage(message);
const checkpointPath = logResources.checkpoint.path.slice(logPrefix.length);

addEventListener('message', (event: MessageEvent<AuditRequest>) => {
  void audit(event.data);
});

async function audit(request: AuditRequest): Promise<void> {
  const fetchLog = httpLogFetcher(request.origin);
  let size: number | undefined;
  let entries = 0;
  try {
    const audit = await auditLog({
      fetch: async (path) => {
        const bytes = await fetchLog(path);
        // The checkpoint's second line is its size: enough to show progress as a fraction.
        if (path === checkpointPath && bytes !== undefined)
          size = Number(new TextDecoder().decode(bytes).split('\n')[1]);
        return bytes;
      },
      previous: request.previous,
      claims: request.claims.map((c) => parseClaim(c)),
      onEntries: (_first, batch) => {
        entries += batch.length;
        post({ type: 'progress', entries, size });
      },
    });
    const { analysis } = audit;
    post({
      type: 'done',
      summary: {
        origin: audit.checkpoint.origin,
        size: audit.checkpoint.size,
        rootHash: audit.state.rootHash,
        state: audit.state,
        reports: audit.reports.map((r) => {
          const leaf = analysis.reports.find((a) => a.index === r.index)?.leaf;
          return { ...r, jsonSha256: leaf?.jsonSha256 ?? '', csvSha256: leaf?.csvSha256 ?? '' };
        }),
        claims: audit.claims,
        policies: analysis.events.filter(isPolicy),
        requestEvents: analysis.events.length - analysis.events.filter(isPolicy).length,
        pendingSeals: analysis.pendingSeals,
      },
    });
  } catch (error) {
    post(
      error instanceof LogVerificationError
        ? { type: 'failed', problem: error.problem, message: error.message }
        : {
            type: 'failed',
            problem: 'error',
            message: error instanceof Error ? error.message : String(error),
          },
    );
  }
}
