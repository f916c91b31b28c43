import type { LogAnalysis } from '../../disclosure/log-analysis.ts';
import { dayStart } from '../../time/calendar.ts';
import type { Claim, Finding } from './claim-types.ts';
import { describePolicy, type LoggedPolicy } from './policy-timeline.ts';

/** `paused J since D`: the version in force on D and every later one is PAUSED, each named with when it was logged. */
export function paused(claim: Claim, analysis: LogAnalysis): Finding {
  const since = dayStart(claim.since);
  const versions = analysis.logged
    .filter(
      (l): l is LoggedPolicy => l.event.type === 'policy' && l.event.jurisdiction === claim.jurisdiction,
    )
    .sort((a, b) => a.event.effectiveFrom - b.event.effectiveFrom || a.event.version - b.event.version);
  const before = versions.filter((v) => v.event.effectiveFrom <= since).at(-1);
  const after = versions.filter((v) => v.event.effectiveFrom > since);
  const breaks = [...(before?.event.status === 'PAUSED' ? [] : [before]), ...after].filter(
    (v) => v === undefined || v.event.status !== 'PAUSED',
  );
  const evidence = [
    `examined ${versions.length} policy versions of ${claim.jurisdiction}`,
    before === undefined
      ? `no version of ${claim.jurisdiction}'s policy was in force on ${claim.since}`
      : `in force on ${claim.since}: ${describePolicy(before)}`,
    ...after.map((v) => `later: ${describePolicy(v)}`),
  ];
  return { verdict: breaks.length === 0 ? 'holds' : 'fails', evidence };
}
