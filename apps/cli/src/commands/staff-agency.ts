import type { RouteResponse } from '@parley/protocol';
import type { Command } from 'commander';
import { govCall } from '../gov/gov-call.ts';
import { govToken } from '../gov/gov-session.ts';
import { type GlobalOptions, globals, output } from '../session.ts';
import { terminal } from '../terminal-text.ts';

type Agency = RouteResponse<'listAgencies'>['agencies'][number];
type Reason = Readonly<{ reason: string }>;

const describeAgency = (a: Agency) =>
  terminal`${a.id}  ${a.standing.padEnd(10)} ${a.jurisdiction}  ${a.name}${a.standingReason === null ? '' : `  (${a.standingReason})`}`;

async function changeStanding(
  opts: GlobalOptions,
  agencyId: string,
  action: 'suspend' | 'reinstate' | 'withdraw',
  reason: string,
) {
  const token = await govToken(opts.profile, 'staff', opts.server);
  const changed = await govCall(
    opts.server,
    'setAgencyStanding',
    { params: { agencyId }, body: { action, reason } },
    token,
  );
  output(opts)(
    changed,
    terminal`${changed.agency.name} (${agencyId}): ${changed.agency.standing}, ${changed.sessionsEnded} officer session(s) ended.`,
  );
}

/**
 * `parley staff agency list | suspend | reinstate | withdraw | history` and `parley staff officers <agency>`: a policy
 * admin sees every agency's standing and changes it, always with a reason; suspending or withdrawing signs
 * the agency's officers out at once.
 */
export function registerStaffAgencyCommands(staff: Command): void {
  const agency = staff.command('agency').description('agencies and their standing (policy admins)');
  agency
    .command('list')
    .description('every agency with id, standing, jurisdiction and name')
    .action(async (_options: unknown, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const { agencies } = await govCall(opts.server, 'listAgencies', {}, token);
      const print = output(opts);
      for (const a of agencies) print(a, describeAgency(a));
    });

  const actions = [
    ['suspend', 'refuse the agency’s officers and end their sessions now, until reinstated'],
    ['reinstate', 'let a suspended agency’s officers sign in again'],
    ['withdraw', 'withdraw the approval for good (the agency may be registered again as a new one)'],
  ] as const;
  for (const [action, description] of actions)
    agency
      .command(`${action} <agencyId>`)
      .description(description)
      .requiredOption('--reason <text>', 'why (kept with the agency and in the audit trail)')
      .action(async (agencyId: string, options: Reason, command: Command) =>
        changeStanding(globals(command), agencyId, action, options.reason),
      );

  agency
    .command('history <agencyId>')
    .description('every suspension, reinstatement and withdrawal, with its reason, oldest first')
    .action(async (agencyId: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const { changes } = await govCall(
        opts.server,
        'agencyStandingHistory',
        { params: { agencyId } },
        token,
      );
      const print = output(opts);
      for (const c of changes)
        print(c, terminal`${c.changedAt}  ${c.action.padEnd(9)} by ${c.changedBy}: ${c.reason}`);
    });

  staff
    .command('officers <agencyId>')
    .description('the officers of an agency, with whether each is disabled or retired (policy admins)')
    .action(async (agencyId: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const { officers } = await govCall(opts.server, 'listOfficers', { params: { agencyId } }, token);
      const print = output(opts);
      for (const o of officers) {
        const state = o.retired ? 'retired' : o.disabled ? 'disabled' : 'active';
        print(o, terminal`${o.id}  ${state.padEnd(8)} ${o.email}  ${o.name}`);
      }
    });
}
