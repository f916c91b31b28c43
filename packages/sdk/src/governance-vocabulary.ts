/**
 * The governance domain's vocabulary, for clients (the web app depends on the sdk and protocol only): the
 * case states, staff roles and their rights, reason codes, request and instrument types. Clients label and
 * order them; the values come from the one definition the server enforces, so a client never drifts.
 */
export {
  type CaseState,
  caseStates,
  type DataCategoryId,
  dataCatalogue,
  hasPermission,
  type InstrumentType,
  instrumentTypes,
  type Permission,
  permissionMatrix,
  type ReasonCode,
  type RequestType,
  reasonCodes,
  requestTypes,
  type StaffRole,
  staffRoles,
  terminalStates,
} from '@parley/governance';
