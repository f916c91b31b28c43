import type { ReportLeaf } from '../disclosure/leaf-types.ts';
import type { DomainEventPublic } from '../events/event-types.ts';
import { buildReport, sha256Hex } from './publication.ts';
import { reportColumns } from './serialize.ts';

export type PublishedDocuments = Readonly<{ json: string | undefined; csv: string | undefined }>;

type Row = Readonly<Record<string, unknown>>;

function rowsOf(json: string): Row[] | undefined {
  try {
    const parsed: unknown = JSON.parse(json);
    const rows: unknown =
      typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'rows') : undefined;
    return Array.isArray(rows)
      ? rows.filter((r): r is Row => typeof r === 'object' && r !== null)
      : undefined;
  } catch {
    return undefined;
  }
}

const rowKey = (row: Row) => `${String(row.jurisdiction)} ${String(row.requestClass)}`;

/** The first cell where the published rows differ from the recomputed ones, in words. */
function firstDifference(published: readonly Row[], recomputed: readonly Row[]): string | undefined {
  const mine = new Map(recomputed.map((r) => [rowKey(r), r]));
  const theirs = new Map(published.map((r) => [rowKey(r), r]));
  for (const [key, row] of mine) {
    const other = theirs.get(key);
    if (other === undefined) return `row ${key} is missing from the published report`;
    for (const column of reportColumns) {
      if (other[column] !== row[column])
        return `row ${key}: ${column} is ${JSON.stringify(other[column])} in the published report, ${JSON.stringify(row[column])} recomputed from the log`;
    }
  }
  for (const key of theirs.keys())
    if (!mine.has(key)) return `the published report has a row ${key} that the log does not support`;
  return undefined;
}

/**
 * Checks a published report against its leaf and against a recomputation from `events`, the public events of
 * the log's first `leaf.checkpointSize` entries. Returns every problem, each naming the report, the entry and
 * what differs; empty when the report is exactly what the log says.
 */
export function checkReport(
  index: number,
  leaf: ReportLeaf,
  origin: string,
  docs: PublishedDocuments,
  events: readonly DomainEventPublic[],
): string[] {
  const at = `report ${leaf.period} at entry ${index}`;
  if (leaf.checkpointSize > index)
    return [`${at}: claims a checkpoint of size ${leaf.checkpointSize}, beyond its own position`];
  const problems: string[] = [];
  if (docs.json === undefined) problems.push(`${at}: the JSON document is not served`);
  else if (sha256Hex(docs.json) !== leaf.jsonSha256)
    problems.push(`${at}: the JSON document does not match the SHA-256 in its leaf`);
  if (docs.csv === undefined) problems.push(`${at}: the CSV document is not served`);
  else if (sha256Hex(docs.csv) !== leaf.csvSha256)
    problems.push(`${at}: the CSV document does not match the SHA-256 in its leaf`);
  if (problems.length > 0 || docs.json === undefined) return problems;

  const binding = { origin, checkpointSize: leaf.checkpointSize, checkpointRoot: leaf.checkpointRoot };
  const expected = buildReport(events, leaf.period, binding);
  if (expected.json !== docs.json) {
    const published = rowsOf(docs.json);
    const recomputed = rowsOf(expected.json) ?? [];
    const difference =
      published === undefined ? 'the JSON document is not a report' : firstDifference(published, recomputed);
    problems.push(
      `${at}: does not match the log: ${difference ?? 'its header or notes differ from the recomputation'}`,
    );
  } else if (expected.csv !== docs.csv) problems.push(`${at}: the CSV document says otherwise than the JSON`);
  return problems;
}
