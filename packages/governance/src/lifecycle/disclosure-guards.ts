import type { GateDecision } from '../gate/jurisdiction-gate.ts';
import {
  categoryById,
  type DataCategoryId,
  type DataTier,
  isProducible,
  tierWithin,
} from '../vocabulary/data-catalogue.ts';
import type { Step } from './step.ts';

/**
 * The checks every category must pass both when a disclosure is proposed and again when it is produced:
 * never content, never a category Parley does not hold, never beyond the instrument's tier, never outside
 * what was asked for (after narrowing) and what the gate allowed.
 */
export function checkDisclosable(
  step: Step,
  categories: readonly DataCategoryId[],
  allowed: readonly DataCategoryId[],
  ceiling: DataTier | null,
  gate: GateDecision,
): void {
  if (categories.length === 0)
    step.fail('no_categories', 'a disclosure must name at least one data category');
  for (const id of categories) {
    const c = categoryById(id);
    if (c === undefined)
      step.fail('unknown_category', `"${id}" is not in the data catalogue`, { category: id });
    if (c.holding === 'e2ee' || c.tier === 'content') {
      step.fail(
        'content_not_producible',
        `${id} is end-to-end encrypted content; Parley cannot read or produce it`,
        { category: id },
      );
    }
    if (!isProducible(c))
      step.fail('category_not_held', `Parley does not hold ${id} in a disclosable form`, { category: id });
    if (!allowed.includes(id))
      step.fail('category_not_requested', `${id} was not requested (or was narrowed away)`, { category: id });
    if (c.tier !== null && (ceiling === null || !tierWithin(c.tier, ceiling))) {
      step.fail(
        'beyond_instrument_tier',
        `${id} needs ${c.tier} but the instrument reaches ${ceiling ?? 'no data'}`,
        { category: id },
      );
    }
    if (!gate.allowedCategories.includes(id)) {
      step.fail('category_not_allowed_by_gate', `the jurisdiction policy does not allow ${id}`, {
        category: id,
      });
    }
  }
}

/** Whether `inner` lies within `outer` (YYYY-MM-DD strings compare in date order). */
export function rangeWithin(
  inner: Readonly<{ from: string; to: string }>,
  outer: Readonly<{ from: string; to: string }>,
): boolean {
  return inner.from <= inner.to && inner.from >= outer.from && inner.to <= outer.to;
}
