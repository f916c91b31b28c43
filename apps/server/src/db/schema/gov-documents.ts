/** The uploaded legal instrument and its SHA-256 (checked against the stated hash at intake). */
export type GovDocumentsTable = {
  reference: string;
  media_type: string;
  digest: string;
  content: Uint8Array;
};
