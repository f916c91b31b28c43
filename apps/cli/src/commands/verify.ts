import { httpLogFetcher, LogVerificationError, verifyLog } from '@parley/sdk';
import type { Command } from 'commander';
import { globals, output } from '../session.ts';
import { fileVerifierState } from '../transparency/file-states.ts';
import { nodeHasher } from '../transparency/node-hasher.ts';

type VerifyOptions = Readonly<{ state?: string; logKey?: string; witnessKey: string[]; quorum: number }>;

const collect = (value: string, previous: string[]) => [...previous, value];

/** `parley verify`: audits the whole public log; exits non-zero with a message naming the first problem. */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'verify the public transparency log: signatures, witness quorum, consistency, every tile and entry',
    )
    .option(
      '--state <dir>',
      'remember the log key and last checkpoint here, and require the log to extend it',
    )
    .option('--log-key <vkey>', "the log's verifier key (otherwise pinned in --state on first use)")
    .option('--witness-key <vkey>', 'a trusted witness cosignature key (repeatable)', collect, [])
    .option('--quorum <n>', 'how many trusted witnesses must have cosigned', (v) => Number.parseInt(v, 10), 0)
    .action(async (options: VerifyOptions, command: Command) => {
      const global = globals(command);
      const print = output(global);
      const store = options.state === undefined ? undefined : fileVerifierState(options.state);
      const previous = await store?.load();
      const started = performance.now();
      try {
        const result = await verifyLog({
          fetch: httpLogFetcher(global.server),
          ...(options.logKey === undefined ? {} : { logKey: options.logKey }),
          ...(previous === undefined ? {} : { previous }),
          witnesses: options.witnessKey,
          quorum: options.quorum,
          hasher: nodeHasher,
        });
        await store?.save(result.state);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        print(
          {
            ok: true,
            origin: result.checkpoint.origin,
            size: result.checkpoint.size,
            cosignatures: result.cosignatures.length,
            seconds,
          },
          `verified ${result.checkpoint.origin}: ${result.checkpoint.size} entries, ${result.cosignatures.length} witness cosignatures (${seconds} s)`,
        );
      } catch (error) {
        if (!(error instanceof LogVerificationError)) throw error;
        print(
          { ok: false, problem: error.problem, message: error.message },
          `log verification FAILED: ${error.message}`,
        );
        process.exitCode = 2;
      }
    });
}
