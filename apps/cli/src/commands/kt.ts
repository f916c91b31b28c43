import { auditKeyDirectory, HttpClient, KtAuditError, type KtAuditResult } from '@parley/sdk';
import { type Command, InvalidArgumentError } from 'commander';
import { terminalProgress } from '../progress.ts';
import { globals, type Output, output } from '../session.ts';
import { terminal, terminalLines } from '../terminal-text.ts';
import { fileKtAuditState } from '../transparency/file-states.ts';

type AuditOptions = Readonly<{ state?: string; witnessKey: string[]; quorum: number }>;

const collect = (value: string, previous: string[]) => [...previous, value];

/** A quorum that is not a whole number would be compared as NaN and require nothing. */
function count(value: string): number {
  if (!/^\d{1,3}$/.test(value)) throw new InvalidArgumentError('a whole number of witnesses');
  return Number(value);
}

/** As `parley verify`'s: 2 the directory does not audit (5, the server could not be reached, is every command's). */
const exitCodes = { broken: 2 } as const;

/** `parley kt`: the key directory (key transparency, ADR 0010). */
export function registerKt(program: Command): void {
  const kt = program.command('kt').description('key transparency: the directory of account keys');
  kt.command('audit')
    .description(
      "audit the key directory: its pinned keys, that its epoch log extends the one audited before, and that every epoch since changed exactly the entries it logged, each account's versions in order",
    )
    .option(
      '--state <dir>',
      "remember the directory's keys, last checkpoint, audited epochs and each label's version here, and resume from them",
    )
    .option('--witness-key <vkey>', 'a trusted witness cosignature key (repeatable)', collect, [])
    .option('--quorum <n>', 'how many trusted witnesses must have cosigned', count, 0)
    .action(async (options: AuditOptions, command: Command) => {
      const global = globals(command);
      const print = output(global);
      const progress = terminalProgress('auditing epochs', !global.json);
      const started = performance.now();
      try {
        const result = await auditKeyDirectory({
          http: new HttpClient({ baseUrl: global.server, retries: 2 }),
          ...(options.state === undefined ? {} : { store: fileKtAuditState(options.state) }),
          witnesses: options.witnessKey,
          quorum: options.quorum,
          onProgress: (done, total) => progress.update(done, total),
        });
        progress.done();
        printAudit(print, result, ((performance.now() - started) / 1000).toFixed(1));
      } catch (error) {
        progress.done();
        // A server that cannot be reached is not a directory that fails: main reports it with its own code.
        if (!(error instanceof KtAuditError)) throw error;
        print(
          { ok: false, problem: error.problem, epoch: error.epoch ?? null, message: error.message },
          terminal`key directory audit FAILED (${error.problem}): ${error.message}`,
        );
        process.exitCode = exitCodes.broken;
      }
    });
}

function printAudit(print: Output, result: KtAuditResult, seconds: string): void {
  const before = result.size - result.audited;
  print(
    {
      ok: true,
      origin: result.origin,
      size: result.size,
      audited: result.audited,
      events: result.events,
      labels: result.labels,
      cosignatures: result.cosignatures,
      seconds,
    },
    terminalLines([
      terminal`audited ${result.origin}: ${result.size} epochs, ${result.labels} accounts, ${result.cosignatures} witness cosignatures (${seconds} s)`,
      terminal`  ${result.audited} new epochs with ${result.events} key events, each changing exactly what it logged; ${before} audited before`,
    ]),
  );
}
