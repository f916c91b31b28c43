/** A published transparency report (append-only; a correction is a new row and a new leaf). */
export type TransparencyReportsTable = {
  log_ticket: number;
  period: string;
  checkpoint_size: number;
  checkpoint_root: Uint8Array;
  json: string;
  csv: string;
  note: string;
  published_at: Date;
};
