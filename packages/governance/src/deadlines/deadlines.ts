import type { RequestCase } from '../lifecycle/case-types.ts';
import { terminalStates } from '../lifecycle/case-types.ts';
import type { LegalFramework } from '../policy/policy-types.ts';
import { HOUR } from '../time/calendar.ts';
import type { InstrumentType } from '../vocabulary/instruments.ts';

/**
 * The mandatory response deadline from a framework (e.g. EU production orders: 10 days, 8 hours in an
 * emergency), or null when the law sets none. An instrument-specific rule wins over an `any` rule.
 */
export function deadlineFor(
  framework: LegalFramework,
  instrument: InstrumentType,
  emergency: boolean,
  receivedAt: number,
): number | null {
  const rule =
    framework.deadlines.find((d) => d.instrument === instrument) ??
    framework.deadlines.find((d) => d.instrument === 'any');
  if (rule === undefined) return null;
  const hours = emergency && rule.emergencyHours !== null ? rule.emergencyHours : rule.hours;
  return receivedAt + hours * HOUR;
}

/**
 * Whether a case is past its deadline and still waiting on Parley. Held cases are left out on purpose: not
 * processing them is the policy, and they are reported as paused, not as late.
 */
export function isOverdue(c: RequestCase, now: number): boolean {
  return (
    c.deadlineAt !== null &&
    now > c.deadlineAt &&
    !terminalStates.includes(c.state) &&
    c.state !== 'held_by_policy' &&
    c.state !== 'production'
  );
}

/** Overdue cases, most overdue first (ties by reference, so the alert list is stable). */
export function overdueCases(cases: readonly RequestCase[], now: number): readonly RequestCase[] {
  return cases
    .filter((c) => isOverdue(c, now))
    .sort((a, b) => (a.deadlineAt ?? 0) - (b.deadlineAt ?? 0) || a.reference.localeCompare(b.reference));
}
