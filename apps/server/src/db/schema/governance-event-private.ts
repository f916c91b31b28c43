import type { JsonColumn } from './gov-json.ts';

/** The private part of a request event, kept apart from the public feed (append-only). */
export type GovernanceEventPrivateTable = {
  seq: number;
  reference: string;
  state_after: string;
  private: JsonColumn;
};
