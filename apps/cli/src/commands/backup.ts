import { backupDataDir, migrateData, restoreDataDir } from '@parley/server';
import type { Command } from 'commander';
import { globals, output } from '../session.ts';
import { terminal } from '../terminal-text.ts';

type BackupFlags = Readonly<{ data: string; out: string }>;
type RestoreFlags = Readonly<{ data: string; from: string }>;
type MigrateFlags = Readonly<{ from: string; to: string }>;

/**
 * `parley backup` and `parley restore`: the embedded database to one file and back, with the server stopped;
 * `parley migrate-data`: from the embedded database to PostgreSQL.
 */
export function registerBackupCommands(program: Command): void {
  program
    .command('backup')
    .description('copy a stopped server’s embedded database to one file (it holds keys: keep it safe)')
    .option('--data <dir>', 'embedded database directory (as given to `parley serve`)', '.parley/data')
    .requiredOption('--out <file>', 'the backup file to write')
    .action(async (options: BackupFlags, command: Command) => {
      const done = await backupDataDir(options.data, options.out);
      output(globals(command))(
        { ...done },
        terminal`Backed up ${done.dataDir} to ${done.file} (${String(done.bytes)} bytes).`,
      );
    });
  program
    .command('restore')
    .description('restore a backup into a new or empty embedded database directory')
    .option('--data <dir>', 'the directory to restore into (new or empty)', '.parley/data')
    .requiredOption('--from <file>', 'a file written by `parley backup`')
    .action(async (options: RestoreFlags, command: Command) => {
      const done = await restoreDataDir(options.data, options.from);
      output(globals(command))(
        { ...done },
        terminal`Restored ${done.file} into ${done.dataDir}; start it with parley serve --data ${done.dataDir}.`,
      );
    });
  program
    .command('migrate-data')
    .description(
      'copy a stopped server’s embedded database into an empty PostgreSQL database, all or nothing',
    )
    .option('--from <dir>', 'embedded database directory (as given to `parley serve`)', '.parley/data')
    .requiredOption('--to <url>', 'the PostgreSQL URL to serve from afterwards (its database must be empty)')
    .action(async (options: MigrateFlags, command: Command) => {
      const print = output(globals(command));
      const tables = await migrateData({ dataDir: options.from }, { url: options.to }, (t) =>
        print({ table: t.table, rows: t.rows }, terminal`  ${t.table}: ${String(t.rows)} rows`),
      );
      const rows = tables.reduce((sum, t) => sum + t.rows, 0);
      print(
        { ok: true, tables: tables.length, rows },
        terminal`Copied ${String(tables.length)} tables, ${String(rows)} rows; start with parley serve --database-url <the same URL>.`,
      );
    });
}
