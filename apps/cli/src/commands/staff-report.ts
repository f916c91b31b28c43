import type { Command } from 'commander';
import { govCall } from '../gov/gov-call.ts';
import { govToken } from '../gov/gov-session.ts';
import { globals, output } from '../session.ts';
import { terminal } from '../terminal-text.ts';

/** `parley staff report publish`: a policy admin publishes a half-year's report into the log. */
export function registerStaffReportCommands(staff: Command): void {
  staff
    .command('report')
    .description('transparency reports')
    .command('publish <period>')
    .description('compute the half-year (such as 2026-H2) from the log, sign it and append it to the log')
    .action(async (period: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const token = await govToken(opts.profile, 'staff', opts.server);
      const r = await govCall(opts.server, 'publishReport', { body: { period } }, token);
      output(opts)(
        r,
        terminal`Published the ${r.period} report at log entry ${r.index}, computed from the first ${r.checkpointSize} entries.`,
      );
    });
}
