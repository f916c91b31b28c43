import { initFirstPolicyAdmin, readSecretKeyFile, rotateLogKey, rotateSecretKey } from '@parley/server';
import type { Command } from 'commander';
import { askSecret } from '../prompt.ts';
import { globals, output } from '../session.ts';
import { terminal, terminalLines } from '../terminal-text.ts';

type DatabaseFlags = Readonly<{ data?: string; databaseUrl?: string }>;
type InitFlags = DatabaseFlags & Readonly<{ name?: string }>;
type RotateFlags = DatabaseFlags & Readonly<{ keyFile?: string; newKeyFile: string }>;
type RotateLogFlags = DatabaseFlags & Readonly<{ keyFile?: string; newOrigin: string }>;

const database = (options: DatabaseFlags) =>
  options.databaseUrl ? { databaseUrl: options.databaseUrl } : { dataDir: options.data ?? '.parley/data' };

function databaseOptions(command: Command): Command {
  return command
    .option('--data <dir>', 'embedded database directory (as given to `parley serve`)', '.parley/data')
    .option('--database-url <url>', 'PostgreSQL URL (instead of --data)');
}

/** The password comes from standard input (a pipe or the terminal), never from argv, which `ps` shows. */
function readPassword(): Promise<string> {
  return askSecret('New password (12+ characters, hard to guess): ');
}

export function registerAdminCommands(program: Command): void {
  const admin = program.command('admin').description('operator tasks run on the server machine');
  databaseOptions(
    admin
      .command('init <username>')
      .description('create the first policy admin on the server’s database; prints the TOTP secret once'),
  )
    .option('--name <displayName>', 'the admin’s name')
    .action(async (username: string, options: InitFlags, command: Command) => {
      const password = await readPassword();
      if (password.length < 12) throw new Error('the password needs at least 12 characters');
      const created = await initFirstPolicyAdmin(database(options), {
        username,
        displayName: options.name ?? username,
        password,
      });
      output(globals(command))(
        { ...created },
        terminalLines([
          terminal`Created policy admin ${created.username}.`,
          terminal`TOTP secret (shown once; add it to an authenticator app now): ${created.totpSecret}`,
          terminal`${created.otpauthUri}`,
        ]),
      );
    });
  databaseOptions(
    admin
      .command('rotate-secret-key')
      .description(
        'seal the server’s secrets (log and directory keys, TOTP seeds) under a new key-encryption key; stop every server first',
      ),
  )
    .option(
      '--key-file <file>',
      'the current key file (PARLEY_SECRET_KEY_FILE); omit if secrets are in clear',
    )
    .requiredOption('--new-key-file <file>', 'the new key file (`openssl rand -base64 32`)')
    .action(async (options: RotateFlags, command: Command) => {
      const next = readSecretKeyFile(options.newKeyFile, '--new-key-file');
      const current =
        options.keyFile === undefined ? undefined : readSecretKeyFile(options.keyFile, '--key-file');
      const done = await rotateSecretKey(database(options), { ...(current ? { current } : {}), next });
      output(globals(command))(
        { ok: true, ...done },
        terminal`Sealed ${String(done.resealed)} secrets under ${options.newKeyFile}; start the servers with PARLEY_SECRET_KEY_FILE=${options.newKeyFile}, and keep the old key with backups made before now.`,
      );
    });
  databaseOptions(
    admin
      .command('rotate-log-key')
      .description(
        'give the transparency log a new origin and signing key, announced in the log and handed over by the old key; stop every server first',
      ),
  )
    .requiredOption('--new-origin <origin>', 'the origin the log signs as from now on (never used before)')
    .option(
      '--key-file <file>',
      'the key-encryption key (PARLEY_SECRET_KEY_FILE); omit if secrets are in clear',
    )
    .action(async (options: RotateLogFlags, command: Command) => {
      const secretKey =
        options.keyFile === undefined ? undefined : readSecretKeyFile(options.keyFile, '--key-file');
      const done = await rotateLogKey({
        ...database(options),
        newOrigin: options.newOrigin,
        ...(secretKey ? { secretKey } : {}),
      });
      output(globals(command))(
        { ok: true, ...done },
        terminalLines([
          terminal`The log now signs as ${done.newOrigin}; ${done.oldOrigin}'s key signed the handover at size ${String(done.size)}.`,
          terminal`New log key: ${done.newVkey}`,
          terminal`Start the servers with PARLEY_LOG_ORIGIN=${done.newOrigin}, and ask each witness to add the new key (parley witness --log-key).`,
        ]),
      );
    });
}
