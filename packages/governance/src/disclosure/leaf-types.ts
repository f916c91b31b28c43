import type { DomainEventPublic } from '../events/event-types.ts';

/** Domain separation for disclosure-log leaves: these bytes can never be read as another Parley structure. */
export const LEAF_TAG = 'parley-leaf/v1\n';

/** The private fields a request event commits to, one opening per field (`docs/disclosure-log.md`). */
export const committedFields = ['agency', 'caseReference', 'targets', 'documentSha256'] as const;
export type CommittedField = (typeof committedFields)[number];

/** Lower-case hex HMAC-SHA-256 commitments, one per private field of a request event. */
export type FieldCommitments = Readonly<Record<CommittedField, string>>;

/**
 * A published event: its public part verbatim (which carries the per-request chain) and the commitments to
 * its private part; `null` for policy changes, which are public in full.
 */
export type EventLeaf = Readonly<{
  leaf: 'event';
  event: DomainEventPublic;
  commitments: FieldCommitments | null;
}>;

/**
 * An event under a valid non-disclosure order: only a hash commitment to its full event leaf, plus the
 * chain position it holds, so the chain shows a gap that must later be filled by a reveal. It also states
 * the event's ISO week and whether the event is a production of data, so claims about productions can be
 * decided while the order binds (ADR 0007); the reveal must agree with both.
 */
export type SealedLeaf = Readonly<{
  leaf: 'sealed';
  chainId: string;
  seq: number;
  isoWeek: string;
  produced: boolean;
  commitment: string;
}>;

/** The opening of a sealed leaf once its order lapsed: the nonce and the event leaf the seal committed to. */
export type RevealLeaf = Readonly<{ leaf: 'reveal'; sealedIndex: number; nonce: string; event: EventLeaf }>;

/** A published report, bound to the checkpoint it was computed from and to the bytes of both formats. */
export type ReportLeaf = Readonly<{
  leaf: 'report';
  period: string;
  checkpointSize: number;
  checkpointRoot: string;
  jsonSha256: string;
  csvSha256: string;
}>;

export type DisclosureLeaf = EventLeaf | SealedLeaf | RevealLeaf | ReportLeaf;

/** An opening of one committed field: the per-field key and the value, checkable against the leaf. */
export type FieldOpening = Readonly<{
  field: CommittedField;
  key: string;
  value: string | readonly string[];
}>;
