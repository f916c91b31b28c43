import type { MemberNotice } from '@parley/protocol';
import type { Command } from 'commander';
import { client, type Environment, globals, output } from '../session.ts';
import { type TerminalText, terminal, terminalLines } from '../terminal-text.ts';

/** `parley notices`: what government requests Parley has told this member about. */
export function registerNoticeCommands(program: Command, env: Environment): void {
  program
    .command('notices')
    .description("list notices of government requests for your account's data")
    .action(async (_options: unknown, command: Command) => {
      const opts = globals(command);
      const print = output(opts);
      const parley = await client(env, opts);
      await parley.open();
      try {
        const notices = await parley.notices();
        if (notices.length === 0 && !opts.json) print({}, terminal`No notices.`);
        for (const n of notices) print(n, describe(n));
      } finally {
        await parley.close();
      }
    });
}

function describe(n: MemberNotice): TerminalText {
  const disclosed = n.categoriesDisclosed.length > 0 ? n.categoriesDisclosed.join(', ') : 'nothing';
  const lines = [
    terminal`[${n.sentAt.slice(0, 10)}] ${n.authorityKind} in ${n.jurisdictionName} (${n.jurisdiction}) sent a ${n.requestType.replaceAll('_', ' ')} request on ${n.receivedOn}`,
    terminal`  asked for: ${n.categoriesRequested.join(', ')} from ${n.dateRange.from} to ${n.dateRange.to}`,
    terminal`  disclosed: ${disclosed}`,
  ];
  if (n.delayedByOrder)
    lines.push(terminal`  this notice was delayed by a non-disclosure order until it expired`);
  if (n.objectionWindowEndsAt !== null)
    lines.push(terminal`  you may object until ${n.objectionWindowEndsAt}`);
  return terminalLines(lines);
}
