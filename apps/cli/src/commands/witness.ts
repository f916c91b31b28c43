import { parseVerifierKey, verifierFromKey } from '@parley/merkle-log';
import { Witness } from '@parley/sdk';
import type { Command } from 'commander';
import { fileWitnessState } from '../transparency/file-states.ts';
import { loadWitnessKey } from '../transparency/witness-key.ts';
import { serveWitness } from '../transparency/witness-server.ts';

type WitnessOptions = Readonly<{
  port: number;
  keyFile: string;
  logKey: string[];
  state: string;
  name: string;
}>;

const collect = (value: string, previous: string[]) => [...previous, value];

/** `parley witness`: a small C2SP tlog-witness for one or more logs. */
export function registerWitness(program: Command): void {
  program
    .command('witness')
    .description('run a transparency-log witness (c2sp.org/tlog-witness add-checkpoint)')
    .requiredOption('--port <n>', 'port to listen on', (v) => Number.parseInt(v, 10))
    .requiredOption('--key-file <file>', 'witness signing key (created on first run)')
    .requiredOption(
      '--log-key <vkey>',
      'verifier key of a log to witness; its name is the origin (repeatable)',
      collect,
      [],
    )
    .option('--state <dir>', 'where the latest cosigned checkpoint of each log is kept', '.parley/witness')
    .option('--name <name>', 'key name for a newly created key', 'witness.parley.example')
    .action(async (options: WitnessOptions) => {
      const key = await loadWitnessKey(options.keyFile, options.name, () => Math.floor(Date.now() / 1000));
      const witness = new Witness({
        cosigner: key.cosigner,
        logs: options.logKey.map((vkey) => ({
          origin: parseVerifierKey(vkey).name,
          verifier: verifierFromKey(vkey),
        })),
        state: fileWitnessState(options.state),
      });
      const server = await serveWitness(witness, options.port, '0.0.0.0');
      process.stdout.write(
        `${JSON.stringify({ event: 'witness.listening', url: server.url, vkey: key.vkey })}\n`,
      );
      const stop = () => {
        server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
