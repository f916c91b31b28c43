import { buildProgram } from './program.ts';
import { escapeTerminal } from './terminal-text.ts';

/** The process entry: the only CLI file that reads process.env and argv. */
const program = buildProgram({
  server: process.env.PARLEY_SERVER,
  profile: process.env.PARLEY_PROFILE,
  passphrase: process.env.PARLEY_PASSPHRASE,
});
await program.parseAsync(process.argv).catch((error: unknown) => {
  // An error can quote a server's answer or someone else's data: escaped like every other output.
  process.stderr.write(`parley: ${escapeTerminal(error instanceof Error ? error.message : String(error))}\n`);
  process.exitCode = 1;
});
