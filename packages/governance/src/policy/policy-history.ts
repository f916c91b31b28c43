import { type DataTier, tierWithin } from '../vocabulary/data-catalogue.ts';
import { type InstrumentType, instrumentDefaults } from '../vocabulary/instruments.ts';
import { countryOf, type JurisdictionCode } from '../vocabulary/jurisdictions.ts';
import type { JurisdictionPolicy, LegalFramework } from './policy-types.ts';

/**
 * Of versions of one policy, the one in force at `time` (epoch ms): the highest version whose
 * `effectiveFrom` is not after `time`.
 */
export function inForceAt<T>(
  versions: readonly T[],
  time: number,
  fields: (v: T) => Readonly<{ effectiveFrom: number; version: number }>,
): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    const f = fields(v);
    if (f.effectiveFrom > time) continue;
    const b = best === undefined ? undefined : fields(best);
    if (
      b === undefined ||
      f.effectiveFrom > b.effectiveFrom ||
      (f.effectiveFrom === b.effectiveFrom && f.version > b.version)
    )
      best = v;
  }
  return best;
}

/** The version of one jurisdiction's policy in force at `time`. Versions of other jurisdictions are ignored. */
export function policyAt(
  versions: readonly JurisdictionPolicy[],
  jurisdiction: JurisdictionCode,
  time: number,
): JurisdictionPolicy | undefined {
  return inForceAt(
    versions.filter((v) => v.jurisdiction === jurisdiction),
    time,
    (v) => v,
  );
}

/**
 * The policy governing a jurisdiction code: a subdivision's own policy (`US-CA`) when it has one, otherwise
 * its country's (`US`). A subdivision cannot escape a country-wide pause by having no policy of its own.
 */
export function governingPolicy(
  versions: readonly JurisdictionPolicy[],
  jurisdiction: JurisdictionCode,
  time: number,
): JurisdictionPolicy | undefined {
  return (
    policyAt(versions, jurisdiction, time) ??
    (jurisdiction.length > 2 ? policyAt(versions, countryOf(jurisdiction), time) : undefined)
  );
}

/**
 * The highest tier an instrument may compel under a framework. A framework may lower the generic ceiling but
 * never raise it, so a misconfigured framework cannot widen disclosure.
 */
export function instrumentCeiling(framework: LegalFramework, type: InstrumentType): DataTier | null {
  const generic = instrumentDefaults[type];
  const local = framework.instruments.find((i) => i.type === type);
  if (local === undefined || generic === null) return generic;
  if (local.maxTier === null) return null;
  return tierWithin(local.maxTier, generic) ? local.maxTier : generic;
}
