/**
 * Every refusal of the governance domain is a named error with a stable `code` (for the API and tests) and a
 * message that names the current state and the failed guard, so staff and officers know what to fix.
 */
export class GovernanceError extends Error {
  override readonly name: string = 'GovernanceError';
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** The action is not defined for the case's current state at all. */
export class InvalidTransitionError extends GovernanceError {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly state: string,
    readonly action: string,
  ) {
    super('invalid_transition', `Cannot ${action} a case in state "${state}": no such transition.`, {
      state,
      action,
    });
  }
}

/** The transition exists but one of its guards failed; `code` is the guard's name. */
export class GuardError extends GovernanceError {
  override readonly name = 'GuardError';
  constructor(
    readonly state: string,
    readonly action: string,
    readonly guard: string,
    reason: string,
    details: Readonly<Record<string, unknown>> = {},
  ) {
    super(guard, `Cannot ${action} a case in state "${state}": guard "${guard}" failed: ${reason}.`, {
      ...details,
      state,
      action,
      guard,
    });
  }
}

/** A policy change is malformed or lacks its due diligence or second sign-off. */
export class PolicyError extends GovernanceError {
  override readonly name = 'PolicyError';
}
