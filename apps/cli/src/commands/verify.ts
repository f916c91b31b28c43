import {
  auditLog,
  type Claim,
  ClaimSyntaxError,
  httpLogFetcher,
  type LogAudit,
  LogVerificationError,
  parseClaim,
} from '@parley/sdk';
import type { Command } from 'commander';
import { terminalProgress } from '../progress.ts';
import { globals, type Output, output } from '../session.ts';
import { terminal, terminalLines } from '../terminal-text.ts';
import { fileVerifierState } from '../transparency/file-states.ts';
import { nodeHasher } from '../transparency/node-hasher.ts';

type VerifyOptions = Readonly<{
  state?: string;
  logKey?: string;
  witnessKey: string[];
  quorum: number;
  maxAge?: number;
  claim: string[];
}>;

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Exit codes: 2 the log does not verify, 3 a claim is contradicted, 4 a claim cannot be decided yet (5, the
 * server could not be reached, is every command's).
 */
const exitCodes = { broken: 2, fails: 3, undecided: 4 } as const;

/**
 * `parley verify`: audits the whole public log and every report published in it, and answers claims;
 * exits non-zero with a message naming the first problem.
 */
export function registerVerify(program: Command): void {
  program
    .command('verify')
    .description(
      'verify the public transparency log: signatures, witness quorum, consistency, every tile, entry and request chain, and every published report recomputed from the log',
    )
    .option(
      '--state <dir>',
      'remember the log key and last checkpoint here, and require the log to extend it',
    )
    .option('--log-key <vkey>', "the log's verifier key (otherwise pinned in --state on first use)")
    .option('--witness-key <vkey>', 'a trusted witness cosignature key (repeatable)', collect, [])
    .option('--quorum <n>', 'how many trusted witnesses must have cosigned', (v) => Number.parseInt(v, 10), 0)
    .option(
      '--max-age <hours>',
      'fail unless a trusted witness cosigned the checkpoint within this many hours (the log re-signs daily)',
      Number.parseFloat,
    )
    .option(
      '--claim <claim>',
      'answer a claim from the log: "no-production HK since 2020-07-06" or "paused HK since 2020-07-06" (repeatable)',
      collect,
      [],
    )
    .action(async (options: VerifyOptions, command: Command) => {
      const global = globals(command);
      const print = output(global);
      let claims: Claim[];
      try {
        claims = options.claim.map(parseClaim);
      } catch (error) {
        if (!(error instanceof ClaimSyntaxError)) throw error;
        print({ ok: false, problem: 'claim-syntax', message: error.message }, terminal`${error.message}`);
        process.exitCode = exitCodes.broken;
        return;
      }
      const store = options.state === undefined ? undefined : fileVerifierState(options.state);
      const previous = await store?.load();
      const started = performance.now();
      const progress = terminalProgress('verifying entries', !global.json);
      try {
        const result = await auditLog({
          onProgress: (done, total) => progress.update(done, total),
          fetch: httpLogFetcher(global.server),
          ...(options.logKey === undefined ? {} : { logKey: options.logKey }),
          ...(previous === undefined ? {} : { previous }),
          witnesses: options.witnessKey,
          quorum: options.quorum,
          ...(options.maxAge === undefined ? {} : { maxAge: { seconds: options.maxAge * 3600 } }),
          hasher: nodeHasher,
          claims,
        });
        progress.done();
        await store?.save(result.state);
        printAudit(print, result, ((performance.now() - started) / 1000).toFixed(1));
      } catch (error) {
        progress.done();
        // A server that cannot be reached is not a log that fails: main reports it with its own exit code.
        if (!(error instanceof LogVerificationError) || error.problem === 'unreachable') throw error;
        print(
          { ok: false, problem: error.problem, message: error.message },
          terminal`log verification FAILED: ${error.message}`,
        );
        process.exitCode = exitCodes.broken;
      }
    });
}

function printAudit(print: Output, result: LogAudit, seconds: string): void {
  const chains = new Set(result.analysis.events.map((e) => e.chainId)).size;
  print(
    {
      ok: true,
      origin: result.checkpoint.origin,
      size: result.checkpoint.size,
      cosignatures: result.cosignatures.length,
      events: result.analysis.events.length,
      chains,
      sealed: result.analysis.pendingSeals,
      reports: result.reports,
      keys: result.keys,
      seconds,
    },
    terminalLines([
      terminal`verified ${result.checkpoint.origin}: ${result.checkpoint.size} entries, ${result.cosignatures.length} witness cosignatures (${seconds} s)`,
      terminal`  ${result.analysis.events.length} events in ${chains} chains, all complete and linked; ${result.analysis.pendingSeals} sealed under non-disclosure orders`,
      ...result.keys
        .slice(1)
        .map(
          (era) =>
            terminal`  log key handed over to ${era.origin} at size ${String(era.from)}, announced in the log`,
        ),
      terminal`  ${result.reports.length} published reports recomputed from the log and found exact`,
      ...result.reports.map(
        (r) =>
          terminal`    ${r.period} at entry ${r.index} (from the first ${r.checkpointSize} entries, ${r.rows} rows)`,
      ),
    ]),
  );
  for (const claim of result.claims) {
    print(
      { claim: claim.claim, verdict: claim.verdict, evidence: claim.evidence },
      terminalLines([
        terminal`claim "${claim.claim}": ${claim.verdict.toUpperCase()}`,
        ...claim.evidence.map((e) => terminal`  ${e}`),
      ]),
    );
    if (claim.verdict !== 'holds')
      process.exitCode = Math.max(Number(process.exitCode ?? 0), exitCodes[claim.verdict]);
  }
}
