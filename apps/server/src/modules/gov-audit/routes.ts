import type { Handlers } from '../../http/handlers.ts';
import { requireStaff } from '../gov-access/authorize.ts';
import { principalLabel } from '../gov-access/principal.ts';
import type { AuditService } from './service.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

/** Auditors read the trail and check its chain; both reads are themselves audited. */
export function govAuditRoutes(audit: AuditService): Pick<Handlers, 'readAudit' | 'verifyAudit'> {
  return {
    readAudit: async ({ query }, principal) => {
      const page = await audit.run(
        { actor: principalLabel(principal), action: 'read_audit', object: `audit:after:${query.after}` },
        (tx) => {
          requireStaff(principal, 'read_audit');
          return audit.page(tx, query.after, query.limit);
        },
      );
      return {
        events: page.rows.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actor: r.actor,
          action: r.action,
          object: r.object,
          hash: hex(r.hash),
        })),
        more: page.more,
      };
    },
    verifyAudit: async (_request, principal) => {
      return audit.run(
        { actor: principalLabel(principal), action: 'verify_audit', object: 'audit' },
        (tx) => {
          requireStaff(principal, 'read_audit');
          return audit.verify(tx);
        },
      );
    },
  };
}
