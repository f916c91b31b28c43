import type { RouteResponse } from '@parley/protocol';

export type PolicyList = RouteResponse<'listPolicies'>;
export type PolicyVersion = PolicyList['policies'][number];
export type PolicyProposal = PolicyList['proposals'][number];
export type PolicyStatus = PolicyVersion['status'];

export const statusLabels: Readonly<Record<PolicyStatus, string>> = {
  ACCEPT: 'Accepting',
  ACCEPT_RESTRICTED: 'Accepting some requests',
  PAUSED: 'Paused',
  REDIRECT_MLAT: 'Redirected to the treaty route',
  SUSPENDED: 'Suspended',
  EXITED: 'Exited',
};

/** Statuses under which Parley does not review a jurisdiction's requests: the map and table make them loud. */
export function standsOut(status: PolicyStatus): boolean {
  return status !== 'ACCEPT' && status !== 'ACCEPT_RESTRICTED';
}

export type JurisdictionPolicy = Readonly<{
  jurisdiction: string;
  current: PolicyVersion;
  /** Signed versions that take effect later. */
  scheduled: readonly PolicyVersion[];
  versions: readonly PolicyVersion[];
}>;

/**
 * Each jurisdiction's versions, oldest first by effective date, and the one in force at `now` (the browser's
 * clock; when every version is still to come, the first of them).
 */
export function byJurisdiction(policies: readonly PolicyVersion[], now: number): JurisdictionPolicy[] {
  const groups = new Map<string, PolicyVersion[]>();
  for (const p of policies) groups.set(p.jurisdiction, [...(groups.get(p.jurisdiction) ?? []), p]);
  return [...groups.entries()]
    .map(([jurisdiction, list]) => {
      const versions = [...list].sort(
        (a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.version - b.version,
      );
      const inForce = versions.filter((v) => Date.parse(v.effectiveFrom) <= now);
      const current = inForce.at(-1) ?? versions[0];
      return current === undefined
        ? undefined
        : {
            jurisdiction,
            current,
            versions,
            scheduled: versions.filter((v) => Date.parse(v.effectiveFrom) > now),
          };
    })
    .filter((j) => j !== undefined)
    .sort((a, b) => a.jurisdiction.localeCompare(b.jurisdiction));
}

const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** "Hong Kong (HK)"; a subdivision such as US-CA keeps its code after the country's name. */
export function jurisdictionName(code: string): string {
  const [country = code, sub] = code.split('-');
  let name = country;
  try {
    name = names.of(country) ?? country;
  } catch {
    // Not a region code the browser knows: show the code alone.
  }
  return sub === undefined ? `${name} (${code})` : `${name}, ${sub} (${code})`;
}
