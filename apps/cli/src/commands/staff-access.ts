import type { Command } from 'commander';
import { govCall } from '../gov/gov-call.ts';
import { govToken } from '../gov/gov-session.ts';
import { type GlobalOptions, globals, output } from '../session.ts';
import { terminal } from '../terminal-text.ts';

type Target = Readonly<{ officer?: boolean }>;

const describeState = (
  s: Readonly<{ kind: string; id: string; disabled: boolean; sessionsEnded: number }>,
) =>
  s.disabled
    ? terminal`${s.kind} ${s.id}: disabled, ${s.sessionsEnded} session(s) ended.`
    : terminal`${s.kind} ${s.id}: enabled, ${s.sessionsEnded} session(s) ended.`;

async function setAccess(opts: GlobalOptions, id: string, target: Target, disabled: boolean) {
  const token = await govToken(opts.profile, 'staff', opts.server);
  const body = { disabled };
  const state = target.officer
    ? await govCall(opts.server, 'setOfficerAccess', { params: { officerId: id }, body }, token)
    : await govCall(opts.server, 'setStaffAccess', { params: { staffId: id }, body }, token);
  output(opts)(state, describeState(state));
}

/**
 * `parley staff list | disable | enable | end-sessions`: a policy admin takes access away from a staff member
 * (or, with --officer, an officer) at once, gives it back, or ends every session of theirs.
 */
export function registerStaffAccessCommands(staff: Command): void {
  staff
    .command('list')
    .description('every staff member with id and roles (policy admins)')
    .action(async (_options: unknown, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const { staff: people } = await govCall(opts.server, 'listStaff', {}, token);
      const print = output(opts);
      for (const p of people) print(p, terminal`${p.id}  ${p.username.padEnd(16)} ${p.roles.join(',')}`);
    });

  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const)
    staff
      .command(`${name} <id>`)
      .description(
        disabled
          ? 'refuse this person’s sign-in and end their sessions now (policy admins)'
          : 'let a disabled person sign in again (policy admins)',
      )
      .option('--officer', 'the id is an officer’s, not a staff member’s')
      .action(async (id: string, target: Target, command: Command) =>
        setAccess(globals(command), id, target, disabled),
      );

  staff
    .command('end-sessions <id>')
    .description('sign this person out everywhere, without disabling them (policy admins)')
    .option('--officer', 'the id is an officer’s, not a staff member’s')
    .action(async (id: string, target: Target, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const state = target.officer
        ? await govCall(opts.server, 'endOfficerSessions', { params: { officerId: id } }, token)
        : await govCall(opts.server, 'endStaffSessions', { params: { staffId: id } }, token);
      output(opts)(state, describeState(state));
    });
}
