import { sha256 } from '@noble/hashes/sha2.js';
import type { ReportLeaf } from '../disclosure/leaf-types.ts';
import { toHex } from '../events/canonical.ts';
import type { DomainEventPublic } from '../events/event-types.ts';
import { type ReportBinding, reportToCsv, reportToJson } from './serialize.ts';
import { computeReport } from './transparency-report.ts';

/** A report as published: its two documents and the leaf that binds them to a checkpoint of the log. */
export type PublishedReport = Readonly<{ leaf: ReportLeaf; json: string; csv: string }>;

export const sha256Hex = (text: string): string => toHex(sha256(new TextEncoder().encode(text)));

/**
 * Computes the report for `period` from the public events of the log's first `binding.checkpointSize`
 * entries and builds its documents and leaf. A verifier calls the same function on the same entries and must
 * get the same bytes.
 */
export function buildReport(
  events: readonly DomainEventPublic[],
  period: string,
  binding: ReportBinding,
): PublishedReport {
  const report = computeReport(events, period);
  const json = reportToJson(report, binding);
  const csv = reportToCsv(report);
  return {
    leaf: {
      leaf: 'report',
      period,
      checkpointSize: binding.checkpointSize,
      checkpointRoot: binding.checkpointRoot,
      jsonSha256: sha256Hex(json),
      csvSha256: sha256Hex(csv),
    },
    json,
    csv,
  };
}

/**
 * The text the log key signs for a report (a C2SP signed note): a first line no checkpoint can have, then
 * the log, period, checkpoint and the SHA-256 of both documents. Anyone holding the documents and the note
 * can check them without the log; the report leaf in the log binds the same values.
 */
export function reportNoteText(leaf: ReportLeaf, origin: string): string {
  return [
    'parley-report/v1',
    origin,
    leaf.period,
    String(leaf.checkpointSize),
    leaf.checkpointRoot,
    `json ${leaf.jsonSha256}`,
    `csv ${leaf.csvSha256}`,
    '',
  ].join('\n');
}
