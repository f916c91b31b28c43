import { describeFailure } from './failure.ts';
import { buildProgram } from './program.ts';
import { escapeTerminal } from './terminal-text.ts';

/** The process entry: the only CLI file that reads process.env and argv. */
const program = buildProgram({
  server: process.env.PARLEY_SERVER,
  profile: process.env.PARLEY_PROFILE,
  passphrase: process.env.PARLEY_PASSPHRASE,
  ktWitnessKeys: process.env.PARLEY_KT_WITNESS_KEYS,
  ktQuorum: process.env.PARLEY_KT_QUORUM,
});
await program.parseAsync(process.argv).catch((error: unknown) => {
  const { json, server } = program.opts<{ json?: boolean; server: string }>();
  const failure = describeFailure(error, server);
  process.exitCode = failure.exitCode;
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ ok: false, error: { code: failure.code, message: failure.message } })}\n`,
    );
    return;
  }
  // An error can quote a server's answer or someone else's data: escaped like every other output.
  process.stderr.write(`parley: ${escapeTerminal(failure.message)}\n`);
});
