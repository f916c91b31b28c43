import { randomUUID } from 'node:crypto';
import { type Fanout, InProcessFanout, NatsFanout } from '../../src/fanout/index.ts';
import { type ContractHooks, fanoutContract } from './fanout-contract.ts';

type MakePair = (hooks: ContractHooks) => Promise<[Fanout, Fanout]>;

const adapters: Array<[string, MakePair]> = [
  [
    'in-process',
    async (hooks) => {
      const bus = new InProcessFanout(hooks);
      return [bus, bus.view()];
    },
  ],
];

// CI sets this; when set, an unreachable NATS fails every test in beforeEach instead of skipping.
const natsUrl = process.env.PARLEY_TEST_NATS_URL;
if (natsUrl !== undefined && natsUrl !== '') {
  adapters.push([
    'nats',
    async (hooks) => {
      // A fresh prefix per pair keeps concurrent test runs on the shared server apart.
      const prefix = `test-${randomUUID()}`;
      const a = await NatsFanout.connect({ url: natsUrl, prefix, name: 'parley-test-a', ...hooks });
      const b = await NatsFanout.connect({ url: natsUrl, prefix, name: 'parley-test-b', ...hooks });
      return [a, b];
    },
  ]);
}

for (const [name, makePair] of adapters) fanoutContract(name, makePair);
