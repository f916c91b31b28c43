import { createHash } from 'node:crypto';
import { type ReportFormat, reportPath } from '@parley/protocol';
import { auditLog, httpLogFetcher, type LogAudit, LogVerificationError } from '@parley/sdk';
import type { Command } from 'commander';
import { globals } from '../session.ts';
import { terminal, terminalBlock } from '../terminal-text.ts';
import { nodeHasher } from '../transparency/node-hasher.ts';

type ReportOptions = Readonly<{ period?: string; format: string; logKey?: string }>;

/** The same exit code as `parley verify` when the log or a report in it does not verify. */
const brokenExitCode = 2;

/**
 * `parley report`: prints the latest published transparency report of a half-year (by default the latest
 * half-year published) exactly as published, once the whole log verifies as `parley verify` checks it: the
 * report's leaf under the signed checkpoint, its documents matching the hashes in that leaf, its signed note,
 * and its counts recomputed from the log. The server's own report list is not trusted for any of it.
 */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('print a published transparency report (CSV or JSON) after verifying it against the log')
    .option('--period <half-year>', 'the half-year, such as 2026-H2 (default: the latest published)')
    .option('--format <format>', 'csv or json', 'csv')
    .option('--log-key <vkey>', "the log's verifier key (otherwise the one the log serves)")
    .action(async (options: ReportOptions, command: Command) => {
      const { server } = globals(command);
      const format = options.format;
      if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json');
      const fetchLog = httpLogFetcher(server);
      let audit: LogAudit;
      try {
        audit = await auditLog({
          fetch: fetchLog,
          ...(options.logKey === undefined ? {} : { logKey: options.logKey }),
          hasher: nodeHasher,
        });
      } catch (error) {
        if (!(error instanceof LogVerificationError)) throw error;
        process.stderr.write(`report verification FAILED: ${error.message}\n`);
        process.exitCode = brokenExitCode;
        return;
      }
      const leaves = audit.analysis.reports.filter(
        (r) => options.period === undefined || r.leaf.period === options.period,
      );
      const chosen = leaves.at(-1);
      if (chosen === undefined)
        throw new Error(
          options.period === undefined
            ? 'no report is published yet'
            : `no report is published for ${options.period} (published: ${[...new Set(audit.analysis.reports.map((r) => r.leaf.period))].join(', ') || 'none'})`,
        );
      // Fetched again for printing, so it is checked again: a server could answer differently the second time.
      const text = await fetchText(fetchLog, chosen.index, format);
      const expected = format === 'csv' ? chosen.leaf.csvSha256 : chosen.leaf.jsonSha256;
      if (text === undefined || createHash('sha256').update(text).digest('hex') !== expected) {
        process.stderr.write(
          `report verification FAILED: the served ${format} does not match the hash in its log leaf (entry ${chosen.index})\n`,
        );
        process.exitCode = brokenExitCode;
        return;
      }
      // Piped or redirected, the bytes stay exactly those the log binds; on a terminal they are escaped.
      process.stdout.write(process.stdout.isTTY ? terminalBlock(text).toString() : text);
      process.stderr.write(
        terminal`${chosen.leaf.period}: log entry ${chosen.index} under the checkpoint of ${audit.checkpoint.size} entries, computed from the first ${chosen.leaf.checkpointSize} entries and recomputed here\n`.toString(),
      );
    });
}

async function fetchText(
  fetchLog: ReturnType<typeof httpLogFetcher>,
  index: number,
  format: ReportFormat,
): Promise<string | undefined> {
  const bytes = await fetchLog(reportPath(index, format));
  return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
}
