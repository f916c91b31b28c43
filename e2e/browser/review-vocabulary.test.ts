import { caseStates, permissionMatrix, reasonCodes, staffRoles, terminalStates } from '@parley/governance';
import { describe, expect, it } from 'vitest';
import { endedStates, queueOrder, stateLabels } from '../../apps/web/src/review/case/case-states.ts';
import { reasonCodeLabels } from '../../apps/web/src/review/case/reason-codes.ts';
import { roleRights } from '../../apps/web/src/review/permissions.ts';

/**
 * The review console may not import the governance domain (web -> sdk, protocol), so it keeps copies of what
 * it needs to offer the right steps; these checks hold the copies to the domain.
 */
describe("the review console's copies of the governance vocabulary", () => {
  it('gives each role exactly the rights the domain gives it', () => {
    for (const role of staffRoles)
      expect([...roleRights[role]].sort()).toEqual([...permissionMatrix[role]].sort());
  });

  it('labels and orders every case state, and ends where the domain ends', () => {
    expect([...queueOrder].sort()).toEqual([...caseStates].sort());
    expect(Object.keys(stateLabels).sort()).toEqual([...caseStates].sort());
    expect([...endedStates].sort()).toEqual([...terminalStates].sort());
  });

  it('offers only reason codes the domain knows', () => {
    const known: readonly string[] = reasonCodes;
    expect(Object.keys(reasonCodeLabels).filter((code) => !known.includes(code))).toEqual([]);
  });
});
