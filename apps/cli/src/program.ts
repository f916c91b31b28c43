import { Command } from 'commander';
import { registerServe } from './commands/serve.ts';

export type Environment = Readonly<{ server?: string; profile?: string; passphrase?: string }>;

/** Builds the `parley` command tree; each command lives in its own file under commands/. */
export function buildProgram(env: Environment): Command {
  const program = new Command('parley')
    .description('End-to-end encrypted messaging with verifiable handling of government data requests')
    .option('--server <url>', 'Parley server URL (PARLEY_SERVER)', env.server ?? 'http://localhost:8080')
    .option('--profile <dir>', 'client profile directory (PARLEY_PROFILE)', env.profile ?? '.parley/profile')
    .option('--json', 'print one JSON object per line')
    .showHelpAfterError();
  registerServe(program);
  return program;
}
