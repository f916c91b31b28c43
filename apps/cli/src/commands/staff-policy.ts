import { PolicyImportBody, PolicyProposalBody } from '@parley/protocol';
import type { Command } from 'commander';
import { govCall } from '../gov/gov-call.ts';
import { govToken } from '../gov/gov-session.ts';
import { jsonArgument } from '../gov/json-argument.ts';
import { type GlobalOptions, globals, output } from '../session.ts';
import { type TerminalText, terminal, terminalLines } from '../terminal-text.ts';

const token = (opts: GlobalOptions) => govToken(opts.profile, 'staff', opts.server);

/** The due-diligence record's headline: why, who signed it, when it is reviewed next. */
function assessmentLines(assessment: Readonly<Record<string, unknown>> | null): TerminalText[] {
  if (assessment === null) return [];
  const { trigger, recommendation, nextReviewDate } = assessment;
  const signOff = assessment.seniorSignOff;
  const signer =
    typeof signOff === 'object' && signOff !== null && 'name' in signOff && 'date' in signOff
      ? `${String(signOff.name)}, ${String(signOff.date)}`
      : 'unsigned';
  return [
    terminal`       assessment: ${String(trigger)}`,
    terminal`       recommendation: ${String(recommendation)} (signed off by ${signer}; next review ${String(nextReviewDate)})`,
  ];
}

/** `parley staff policy …`: jurisdiction policies, every change by two people. */
export function registerStaffPolicyCommands(staff: Command): void {
  const policy = staff.command('policy').description('jurisdiction policies (two people for every change)');
  policy
    .command('list')
    .description('every recorded version, and proposals waiting for a sign-off')
    .action(async (_options: unknown, command: Command) => {
      const opts = globals(command);
      const print = output(opts);
      const { policies, proposals } = await govCall(opts.server, 'listPolicies', {}, await token(opts));
      for (const p of policies) {
        const recorded = p.historical ? `  (history recorded ${p.historical.recordedAt.slice(0, 10)})` : '';
        const lines = [
          terminal`${p.jurisdiction.padEnd(6)} v${p.version}  ${p.status.padEnd(17)} since ${p.effectiveFrom.slice(0, 10)}${recorded}`,
          terminal`       ${p.statement}`,
          ...assessmentLines(p.assessment),
        ];
        print({ ...p }, terminalLines(lines));
      }
      for (const p of proposals.filter((x) => x.state === 'pending'))
        print(
          { proposal: p },
          terminal`pending ${p.id}: ${p.jurisdiction} ${p.status}${p.historical ? ' (history)' : ''}`,
        );
    });
  policy
    .command('propose <policy>')
    .description('propose a policy version, given as JSON or @file')
    .action(async (value: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const body = PolicyProposalBody.parse(await jsonArgument(value));
      const p = await govCall(opts.server, 'proposePolicy', { body }, await token(opts));
      output(opts)(p, terminal`Proposed ${p.id}; another staff member must sign it off.`);
    });
  policy
    .command('import <policy>')
    .description(
      'record a version decided before this deployment (past effectiveFrom, with provenance), as JSON or @file',
    )
    .action(async (value: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const body = PolicyImportBody.parse(await jsonArgument(value));
      const p = await govCall(opts.server, 'importPolicy', { body }, await token(opts));
      output(opts)(p, terminal`Proposed historical version ${p.id}; another staff member must sign it off.`);
    });
  policy
    .command('sign-off <proposalId>')
    .description('sign off another staff member’s proposal, making it the next version')
    .action(async (proposalId: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      const r = await govCall(opts.server, 'signOffPolicy', { params: { proposalId } }, await token(opts));
      output(opts)(r, terminal`Signed off; ${r.resumed.length} held request(s) resumed.`);
    });
}
