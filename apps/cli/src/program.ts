import { Command } from 'commander';
import cliPackage from '../package.json' with { type: 'json' };
import { registerAccountCommands } from './commands/account.ts';
import { registerAdminCommands } from './commands/admin.ts';
import { registerBackupCommands } from './commands/backup.ts';
import { registerChatCommands } from './commands/chat.ts';
import { registerDemoCommand } from './commands/demo.ts';
import { registerKt } from './commands/kt.ts';
import { registerMessageCommands } from './commands/messages.ts';
import { registerNoticeCommands } from './commands/notices.ts';
import { registerOfficerCommands } from './commands/officer.ts';
import { registerReport } from './commands/report.ts';
import { registerServe } from './commands/serve.ts';
import { registerStaffCommands } from './commands/staff.ts';
import { registerVerify } from './commands/verify.ts';
import { registerWitness } from './commands/witness.ts';
import type { Environment } from './session.ts';

/** Builds the `parley` command tree; each command lives in its own file under commands/. */
export function buildProgram(env: Environment): Command {
  const program = new Command('parley')
    .description('End-to-end encrypted messaging with verifiable handling of government data requests')
    .option('--server <url>', 'Parley server URL (PARLEY_SERVER)', env.server ?? 'http://localhost:8080')
    .option('--profile <dir>', 'client profile directory (PARLEY_PROFILE)', env.profile ?? '.parley/profile')
    .option('--json', 'print one JSON object per line')
    .option(
      '--kt-witness-key <vkey>',
      'a witness whose cosignatures of the key directory count toward --kt-quorum (repeatable; PARLEY_KT_WITNESS_KEYS, comma-separated)',
      (value: string, previous: string[]) => [...previous, value],
      (env.ktWitnessKeys ?? '').split(',').filter((key) => key.trim() !== ''),
    )
    .option(
      '--kt-quorum <n>',
      'how many of them must have cosigned a key directory epoch before a contact is believed (PARLEY_KT_QUORUM)',
      (value: string) => Number(value),
      Number(env.ktQuorum ?? 0),
    )
    .version(cliPackage.version, '-V, --version', 'print the version of Parley')
    .showHelpAfterError();
  registerServe(program);
  registerAdminCommands(program);
  registerBackupCommands(program);
  registerAccountCommands(program, env);
  registerChatCommands(program, env);
  registerMessageCommands(program, env);
  registerNoticeCommands(program, env);
  registerOfficerCommands(program);
  registerStaffCommands(program);
  registerDemoCommand(program);
  registerReport(program);
  registerVerify(program);
  registerKt(program);
  registerWitness(program);
  return program;
}
