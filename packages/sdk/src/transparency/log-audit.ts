import {
  type Claim,
  type ClaimResult,
  checkReport,
  type DomainEventPublic,
  evaluateClaim,
  LogAnalyser,
  type LogAnalysis,
  type ReportLeaf,
  reportNoteText,
} from '@parley/governance';
import { openNote, verifierFromKey } from '@parley/merkle-log';
import { type ReportFormat, reportPath } from '@parley/protocol';
import { keyForEntry } from './key-handover.ts';
import { LogVerificationError } from './log-verification-error.ts';
import { type LogVerification, type VerifyLogOptions, verifyLog } from './log-verifier.ts';

/** Claims are spelled and answered by the governance domain; clients get them through the sdk. */
export { type Claim, type ClaimResult, ClaimSyntaxError, parseClaim } from '@parley/governance';

export type AuditLogOptions = VerifyLogOptions & Readonly<{ claims?: readonly Claim[] }>;

/** A published report that was recomputed from the log and found exact. */
export type VerifiedReport = Readonly<{
  index: number;
  period: string;
  checkpointSize: number;
  rows: number;
}>;

export type LogAudit = LogVerification &
  Readonly<{
    analysis: LogAnalysis;
    reports: readonly VerifiedReport[];
    claims: readonly ClaimResult[];
  }>;

const text = new TextDecoder('utf-8', { fatal: true });
const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Everything `parley verify` checks: the log itself (`verifyLog`), then what its entries mean. Every
 * per-request chain must be complete, ordered and linked; every published report must be bound to a root the
 * log really had, signed by the log key, and byte-for-byte what the same code computes from the log's entries
 * up to that root. Claims are answered from the analysed log. Throws LogVerificationError naming the problem.
 */
export async function auditLog(options: AuditLogOptions): Promise<LogAudit> {
  // Each bundle is decoded as it arrives, while the next ones are still being fetched.
  const analyser = new LogAnalyser(options.hasher);
  const verification = await verifyLog({
    ...options,
    onEntries: (first, batch) => {
      batch.forEach((entry, i) => {
        analyser.add(first + i, entry);
      });
      options.onEntries?.(first, batch);
    },
  });
  const analysis = analyser.analyse();
  if (analysis.problems.length > 0) {
    const more = analysis.problems.length > 1 ? ` (and ${analysis.problems.length - 1} more)` : '';
    throw new LogVerificationError('chains', `the disclosure log is broken: ${analysis.problems[0]}${more}`);
  }
  const reports: VerifiedReport[] = [];
  const prefixes = new Map<number, readonly DomainEventPublic[]>([
    [verification.checkpoint.size, analysis.events],
  ]);
  const eventsUpTo = (size: number) => {
    let events = prefixes.get(size);
    if (events === undefined) {
      events = analyser.analyse(size).events;
      prefixes.set(size, events);
    }
    return events;
  };
  for (const { index, leaf } of analysis.reports) {
    const at = `report ${leaf.period} at entry ${index}`;
    // A report is signed, under the origin it names, by the key in force when it was published.
    const key = keyForEntry(verification.keys, index);
    const origin = key?.origin ?? verification.checkpoint.origin;
    if (leaf.checkpointSize <= index && hex(verification.rootAt(leaf.checkpointSize)) !== leaf.checkpointRoot)
      throw new LogVerificationError(
        'report',
        `${at}: names root ${leaf.checkpointRoot} for size ${leaf.checkpointSize}, but the log's root at that size differs`,
      );
    const [json, csv, note] = await Promise.all(
      (['json', 'csv', 'note'] as const).map((f) => fetchText(options, index, f)),
    );
    checkNote(at, note, leaf, origin, key?.vkey ?? verification.state.logKey);
    const problems = checkReport(index, leaf, origin, { json, csv }, eventsUpTo(leaf.checkpointSize));
    if (problems[0] !== undefined) throw new LogVerificationError('report', problems[0]);
    const rows = json === undefined ? 0 : rowCount(json);
    reports.push({ index, period: leaf.period, checkpointSize: leaf.checkpointSize, rows });
  }
  const claims = (options.claims ?? []).map((claim) => evaluateClaim(claim, analysis));
  return { ...verification, analysis, reports, claims };
}

async function fetchText(options: AuditLogOptions, index: number, format: ReportFormat) {
  const bytes = await options.fetch(reportPath(index, format));
  if (bytes === undefined) return undefined;
  try {
    return text.decode(bytes);
  } catch {
    throw new LogVerificationError('report', `report document ${reportPath(index, format)} is not UTF-8`);
  }
}

function checkNote(at: string, note: string | undefined, leaf: ReportLeaf, origin: string, logKey: string) {
  if (note === undefined) throw new LogVerificationError('report', `${at}: its signed note is not served`);
  let opened: string;
  try {
    opened = openNote(note, [verifierFromKey(logKey)]).text;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new LogVerificationError('report', `${at}: its signed note is rejected: ${why}`);
  }
  if (opened !== reportNoteText(leaf, origin))
    throw new LogVerificationError('report', `${at}: its signed note states other values than its leaf`);
}

function rowCount(json: string): number {
  const rows: unknown = Reflect.get(Object(JSON.parse(json)), 'rows');
  return Array.isArray(rows) ? rows.length : 0;
}
