/** A sealed event's reveal, appended when its non-disclosure order lapsed (append-only). */
export type DisclosureRevealsTable = {
  event_seq: number;
  log_ticket: number;
  revealed_at: Date;
};
