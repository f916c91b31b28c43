import { describe, expect, it } from 'vitest';
import { hongKongLeaves } from '../../test/log-fixtures.ts';
import { encodeLeaf } from '../disclosure/leaf-codec.ts';
import type { DisclosureLeaf } from '../disclosure/leaf-types.ts';
import { analyseLog } from '../disclosure/log-analysis.ts';
import { buildReport, reportNoteText, sha256Hex } from './publication.ts';
import { checkReport } from './report-check.ts';

const binding = (size: number) => ({
  origin: 'parley.example/log',
  checkpointSize: size,
  checkpointRoot: 'ab'.repeat(32),
});

const analyse = (leaves: readonly DisclosureLeaf[]) => analyseLog(leaves.map(encodeLeaf));

describe('published reports', () => {
  const leaves = hongKongLeaves();
  const events = analyse(leaves).events;
  const published = buildReport(events, '2020-H2', binding(leaves.length));

  it('binds both documents and the checkpoint in its leaf and its signed text', () => {
    expect(published.leaf).toMatchObject({ period: '2020-H2', checkpointSize: leaves.length });
    expect(published.leaf.jsonSha256).toBe(sha256Hex(published.json));
    expect(JSON.parse(published.json).log).toEqual(binding(leaves.length));
    expect(reportNoteText(published.leaf, 'parley.example/log').split('\n')).toEqual([
      'parley-report/v1',
      'parley.example/log',
      '2020-H2',
      String(leaves.length),
      'ab'.repeat(32),
      `json ${published.leaf.jsonSha256}`,
      `csv ${published.leaf.csvSha256}`,
      '',
    ]);
  });

  it('accepts a report that is exactly what the log says', () => {
    expect(checkReport(leaves.length, published.leaf, 'parley.example/log', published, events)).toEqual([]);
  });

  it('names a misstated count, even when the operator re-hashed and re-signed the lie', () => {
    const json = published.json.replace('"requestsReceived": 2', '"requestsReceived": 1');
    expect(json).not.toBe(published.json);
    const leaf = { ...published.leaf, jsonSha256: sha256Hex(json) };
    expect(checkReport(9, leaf, 'parley.example/log', { json, csv: published.csv }, events)).toEqual([
      'report 2020-H2 at entry 9: does not match the log: row HK legal_process: requestsReceived is 1 in the published report, 2 recomputed from the log',
    ]);
  });

  it('names a changed byte, a missing document and a checkpoint it cannot have seen', () => {
    const json = published.json.replace('PAUSED', 'PAUSEd');
    expect(checkReport(9, published.leaf, 'o', { json, csv: undefined }, events)).toEqual([
      'report 2020-H2 at entry 9: the JSON document does not match the SHA-256 in its leaf',
      'report 2020-H2 at entry 9: the CSV document is not served',
    ]);
    expect(checkReport(3, published.leaf, 'o', published, events)).toEqual([
      `report 2020-H2 at entry 3: claims a checkpoint of size ${leaves.length}, beyond its own position`,
    ]);
  });
});
