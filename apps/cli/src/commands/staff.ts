import { CaseActionBody } from '@parley/protocol';
import type { Command } from 'commander';
import { govCall } from '../gov/gov-call.ts';
import { govToken, readPasswordLine, saveGovSession } from '../gov/gov-session.ts';
import { jsonArgument } from '../gov/json-argument.ts';
import { type GlobalOptions, globals, output } from '../session.ts';
import { terminal, terminalBlock } from '../terminal-text.ts';
import { registerStaffAccessCommands } from './staff-access.ts';
import { registerStaffAgencyCommands } from './staff-agency.ts';
import { registerStaffPolicyCommands } from './staff-policy.ts';
import { registerStaffReportCommands } from './staff-report.ts';
import { registerStaffTotpResetCommands } from './staff-totp-reset.ts';

const token = (opts: GlobalOptions) => govToken(opts.profile, 'staff', opts.server);

/** `parley staff …`: the review console's commands over the staff routes; each role sees what it may. */
/** A request whose agency may no longer act says so in the queue. */
const standingNote = (agency: Readonly<{ standing: string }> | null) =>
  agency === null || agency.standing === 'approved' ? '' : `  AGENCY ${agency.standing.toUpperCase()}`;

export function registerStaffCommands(program: Command): void {
  const staff = program
    .command('staff')
    .description('commands for Parley staff who handle government requests');

  staff
    .command('login <username>')
    .description('sign in (password on standard input, authenticator code as --code)')
    .requiredOption('--code <totp>', 'the current code from your authenticator app')
    .action(async (username: string, options: { code: string }, command: Command) => {
      const opts = globals(command);
      const password = await readPasswordLine();
      const session = await govCall(opts.server, 'staffLogin', {
        body: { username, password, totp: options.code },
      });
      await saveGovSession(opts.profile, 'staff', {
        server: opts.server,
        token: session.token,
        expiresAt: session.expiresAt,
        id: session.id,
      });
      output(opts)(
        { id: session.id, roles: session.roles, expiresAt: session.expiresAt },
        terminal`Signed in as ${session.roles.join(', ')} until ${session.expiresAt}.`,
      );
    });

  staff
    .command('queue')
    .description('requests, oldest first (optionally in one state)')
    .option('--state <state>', 'only requests in this state')
    .action(async (options: { state?: string }, command: Command) => {
      const opts = globals(command);
      const print = output(opts);
      const query = { limit: 500, ...(options.state === undefined ? {} : { state: options.state }) };
      const { cases } = await govCall(opts.server, 'listCases', { query }, await token(opts));
      for (const c of cases)
        print(
          {
            reference: c.reference,
            state: c.state,
            requestType: c.requestType,
            overdue: c.overdue,
            agencyStanding: c.agency?.standing ?? null,
          },
          terminal`${c.reference}  ${c.state.padEnd(22)} ${c.requestType}${c.overdue ? '  OVERDUE' : ''}${standingNote(c.agency)}`,
        );
    });

  staff
    .command('show <reference>')
    .description('one request with its full record (read is audited)')
    .action(async (reference: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const c = await govCall(opts.server, 'getCase', { params: { reference } }, await token(opts));
      output(opts)(c, terminalBlock(JSON.stringify(c, null, 2)));
    });

  staff
    .command('act <reference> <action>')
    .description('apply one lifecycle action, given as JSON or @file, e.g. \'{"type":"triage"}\'')
    .action(async (reference: string, action: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const body = CaseActionBody.parse(await jsonArgument(action));
      const c = await govCall(opts.server, 'actOnCase', { params: { reference }, body }, await token(opts));
      output(opts)({ reference: c.reference, state: c.state }, terminal`${c.reference}: ${c.state}`);
    });

  registerStaffPolicyCommands(staff);
  registerStaffReportCommands(staff);
  registerStaffAccessCommands(staff);
  registerStaffAgencyCommands(staff);
  registerStaffTotpResetCommands(staff);

  staff
    .command('audit')
    .description('the audit trail (auditors), and whether its hash chain holds')
    .option('--after <seq>', 'events after this sequence number', (v) => Number.parseInt(v, 10), 0)
    .action(async (options: { after: number }, command: Command) => {
      const opts = globals(command);
      const print = output(opts);
      const t = await token(opts);
      const page = await govCall(
        opts.server,
        'readAudit',
        { query: { after: options.after, limit: 1000 } },
        t,
      );
      for (const e of page.events)
        print(e, terminal`${e.seq}  ${e.at}  ${e.actor}  ${e.action}  ${e.object}`);
      const check = await govCall(opts.server, 'verifyAudit', {}, t);
      print(
        { verification: check },
        check.ok
          ? terminal`Chain intact (${check.checked} events).`
          : terminal`Chain BROKEN at ${check.firstBrokenSeq}.`,
      );
    });
}
