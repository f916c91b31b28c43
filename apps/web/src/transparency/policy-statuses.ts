import type { PolicyRecord } from './verify-messages.ts';

/** A jurisdiction's policy as the log shows it: the version in force now and the next one scheduled, if any. */
export type JurisdictionStatus = Readonly<{
  jurisdiction: string;
  current: PolicyRecord;
  next: PolicyRecord | undefined;
}>;

/** Folds the log's policy versions into one status per jurisdiction, restrictive statuses first. */
export function statusesAt(policies: readonly PolicyRecord[], now: number): readonly JurisdictionStatus[] {
  const by = new Map<string, PolicyRecord[]>();
  for (const p of policies) by.set(p.jurisdiction, [...(by.get(p.jurisdiction) ?? []), p]);
  const out: JurisdictionStatus[] = [];
  for (const [jurisdiction, versions] of by) {
    const ordered = versions.sort((a, b) => a.effectiveFrom - b.effectiveFrom || a.version - b.version);
    const current = ordered.filter((v) => v.effectiveFrom <= now).at(-1);
    const next = ordered.find((v) => v.effectiveFrom > now);
    const shown = current ?? next;
    if (shown !== undefined) out.push({ jurisdiction, current: shown, next: current ? next : undefined });
  }
  const rank = (s: JurisdictionStatus) => (s.current.status.startsWith('ACCEPT') ? 1 : 0);
  return out.sort((a, b) => rank(a) - rank(b) || a.jurisdiction.localeCompare(b.jurisdiction));
}
