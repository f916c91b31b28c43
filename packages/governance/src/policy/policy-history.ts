import { type DataTier, tierWithin } from '../vocabulary/data-catalogue.ts';
import { type InstrumentType, instrumentDefaults } from '../vocabulary/instruments.ts';
import { countryOf, type JurisdictionCode } from '../vocabulary/jurisdictions.ts';
import type { JurisdictionPolicy, LegalFramework } from './policy-types.ts';

/**
 * The version of one jurisdiction's policy in force at `time` (epoch ms): the highest version whose
 * `effectiveFrom` is not after `time`. Versions of other jurisdictions are ignored.
 */
export function policyAt(
  versions: readonly JurisdictionPolicy[],
  jurisdiction: JurisdictionCode,
  time: number,
): JurisdictionPolicy | undefined {
  let best: JurisdictionPolicy | undefined;
  for (const v of versions) {
    if (v.jurisdiction !== jurisdiction || v.effectiveFrom > time) continue;
    if (
      best === undefined ||
      v.effectiveFrom > best.effectiveFrom ||
      (v.effectiveFrom === best.effectiveFrom && v.version > best.version)
    )
      best = v;
  }
  return best;
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
