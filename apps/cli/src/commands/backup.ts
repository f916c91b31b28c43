import { backupDataDir, restoreDataDir } from '@parley/server';
import type { Command } from 'commander';
import { globals, output } from '../session.ts';
import { terminal } from '../terminal-text.ts';

type BackupFlags = Readonly<{ data: string; out: string }>;
type RestoreFlags = Readonly<{ data: string; from: string }>;

/** `parley backup` and `parley restore`: the embedded database to one file and back, with the server stopped. */
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
}
