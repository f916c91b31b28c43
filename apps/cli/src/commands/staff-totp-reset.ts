import type { RouteResponse } from '@parley/protocol';
import type { Command } from 'commander';
import { govCall } from '../gov/gov-call.ts';
import { govToken } from '../gov/gov-session.ts';
import { globals, output } from '../session.ts';
import { terminal } from '../terminal-text.ts';

type Reset = RouteResponse<'listTotpResets'>['resets'][number];
type ProposeOptions = Readonly<{ reason: string; officer?: boolean }>;

const describeReset = (r: Reset) =>
  terminal`${r.id}  ${r.state.padEnd(9)} ${r.person.kind} ${r.personName}  by ${r.proposedBy}, until ${r.expiresAt}: ${r.reason}`;

/**
 * `parley staff totp-reset propose | list | confirm | cancel`: a lost authenticator is reset by two policy
 * admins. The confirming admin gets the new secret once, to hand over to the person.
 */
export function registerStaffTotpResetCommands(staff: Command): void {
  const reset = staff
    .command('totp-reset')
    .description('reset a lost authenticator with a second policy admin');
  reset
    .command('propose <id>')
    .description('propose a reset of this staff member’s (or, with --officer, officer’s) authenticator')
    .requiredOption('--reason <text>', 'why (the confirming admin judges it; kept in the record)')
    .option('--officer', 'the id is an officer’s, not a staff member’s')
    .action(async (id: string, options: ProposeOptions, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const person = { kind: options.officer ? ('officer' as const) : ('staff' as const), id };
      const proposed = await govCall(
        opts.server,
        'proposeTotpReset',
        { body: { person, reason: options.reason } },
        token,
      );
      output(opts)(
        proposed,
        terminal`Proposed ${proposed.id}: another policy admin must confirm it before ${proposed.expiresAt}.`,
      );
    });

  reset
    .command('list')
    .description('open proposals first, then the newest closed ones')
    .action(async (_options: unknown, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const { resets } = await govCall(opts.server, 'listTotpResets', {}, token);
      const print = output(opts);
      for (const r of resets) print(r, describeReset(r));
    });

  reset
    .command('confirm <resetId>')
    .description('confirm another admin’s proposal: prints the new secret once, for handover')
    .action(async (resetId: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const done = await govCall(opts.server, 'confirmTotpReset', { params: { resetId } }, token);
      output(opts)(
        done,
        terminal`Reset ${done.reset.personName}'s authenticator; ${done.sessionsEnded} session(s) ended.
New TOTP secret (shown once; hand it over in person): ${done.totpSecret}
${done.otpauthUri}`,
      );
    });

  reset
    .command('cancel <resetId>')
    .description('cancel a pending proposal')
    .action(async (resetId: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const cancelled = await govCall(opts.server, 'cancelTotpReset', { params: { resetId } }, token);
      output(opts)(cancelled, terminal`Cancelled ${cancelled.id}.`);
    });
}
