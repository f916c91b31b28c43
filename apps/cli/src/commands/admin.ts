import { initFirstPolicyAdmin } from '@parley/server';
import type { Command } from 'commander';
import { askSecret } from '../prompt.ts';
import { globals, output } from '../session.ts';
import { terminal, terminalLines } from '../terminal-text.ts';

type InitFlags = Readonly<{ data?: string; databaseUrl?: string; name?: string }>;

/** The password comes from standard input (a pipe or the terminal), never from argv, which `ps` shows. */
function readPassword(): Promise<string> {
  return askSecret('New password (12+ characters, hard to guess): ');
}

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('operator tasks run on the server machine');
  admin
    .command('init <username>')
    .description('create the first policy admin on the server’s database; prints the TOTP secret once')
    .option('--data <dir>', 'embedded database directory (as given to `parley serve`)', '.parley/data')
    .option('--database-url <url>', 'PostgreSQL URL (instead of --data)')
    .option('--name <displayName>', 'the admin’s name')
    .action(async (username: string, options: InitFlags, command: Command) => {
      const password = await readPassword();
      if (password.length < 12) throw new Error('the password needs at least 12 characters');
      const created = await initFirstPolicyAdmin(
        options.databaseUrl
          ? { databaseUrl: options.databaseUrl }
          : { dataDir: options.data ?? '.parley/data' },
        { username, displayName: options.name ?? username, password },
      );
      output(globals(command))(
        { ...created },
        terminalLines([
          terminal`Created policy admin ${created.username}.`,
          terminal`TOTP secret (shown once; add it to an authenticator app now): ${created.totpSecret}`,
          terminal`${created.otpauthUri}`,
        ]),
      );
    });
}
