import type { Handlers } from '../../http/handlers.ts';
import type { TotpResetService } from './totp-reset.ts';

export function totpResetRoutes(
  resets: TotpResetService,
): Pick<Handlers, 'proposeTotpReset' | 'listTotpResets' | 'confirmTotpReset' | 'cancelTotpReset'> {
  return {
    proposeTotpReset: async ({ body }, principal) => resets.propose(principal, body),
    listTotpResets: async (_request, principal) => resets.list(principal),
    confirmTotpReset: async ({ params }, principal) => resets.confirm(principal, params.resetId),
    cancelTotpReset: async ({ params }, principal) => resets.cancel(principal, params.resetId),
  };
}
