import { createHash } from 'node:crypto';
import { logPrefix, type ReportFormat, reportPath } from '@parley/protocol';
import type { Command } from 'commander';
import { govCall } from '../gov/gov-call.ts';
import { globals } from '../session.ts';
import { terminal, terminalBlock } from '../terminal-text.ts';

type ReportOptions = Readonly<{ period?: string; format: string }>;

/**
 * `parley report`: prints the latest published transparency report of a half-year (by default the latest
 * half-year published) exactly as published, after checking it against the hash its log leaf names.
 * `parley verify` recomputes every report from the log.
 */
export function registerReport(program: Command): void {
  program
    .command('report')
    .description('print a published transparency report (CSV or JSON) exactly as the log binds it')
    .option('--period <half-year>', 'the half-year, such as 2026-H2 (default: the latest published)')
    .option('--format <format>', 'csv or json', 'csv')
    .action(async (options: ReportOptions, command: Command) => {
      const { server } = globals(command);
      const format = options.format;
      if (format !== 'csv' && format !== 'json') throw new Error('--format must be csv or json');
      const { reports } = await govCall(server, 'reportList', {});
      const chosen = reports
        .filter((r) => options.period === undefined || r.period === options.period)
        .at(-1);
      if (chosen === undefined)
        throw new Error(
          options.period === undefined
            ? 'no report is published yet'
            : `no report is published for ${options.period} (published: ${[...new Set(reports.map((r) => r.period))].join(', ') || 'none'})`,
        );
      const text = await fetchDocument(server, chosen.index, format);
      const expected = format === 'csv' ? chosen.csvSha256 : chosen.jsonSha256;
      if (createHash('sha256').update(text).digest('hex') !== expected)
        throw new Error(
          `the served ${format} does not match the hash in its log leaf (entry ${chosen.index})`,
        );
      // Piped or redirected, the bytes stay exactly those the log binds; on a terminal they are escaped.
      process.stdout.write(process.stdout.isTTY ? terminalBlock(text).toString() : text);
      process.stderr.write(
        terminal`${chosen.period}: published ${chosen.publishedAt}, log entry ${chosen.index}, computed from the first ${chosen.checkpointSize} entries; recompute it with \`parley verify\`\n`.toString(),
      );
    });
}

async function fetchDocument(server: string, index: number, format: ReportFormat): Promise<string> {
  const url = `${server.replace(/\/+$/, '')}${logPrefix}${reportPath(index, format)}`;
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`fetching ${url} failed with HTTP ${response.status}`);
  return response.text();
}
