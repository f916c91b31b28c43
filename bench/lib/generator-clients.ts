import { BenchClient, type LedgerRef } from './bench-client.ts';
import type { FanoutGroup } from './fanout.ts';
import type { LoadClient } from './load-client.ts';
import { createGroups, type Device, pool, relayDevices, setUpParley } from './parley-setup.ts';
import { XmppClient, type XmppServer } from './xmpp-client.ts';

/** How the generator reaches the server under test. */
export type Endpoint =
  | Readonly<{ kind: 'parley' | 'relay'; base: string; wsUrl: string }>
  | Readonly<{ kind: 'xmpp'; server: XmppServer }>;

/** Connected clients, one per device index, and how to put some of them into groups for S3. */
export type Fleet = Readonly<{
  clients: readonly LoadClient[];
  makeGroups: (size: number, memberLists: readonly (readonly number[])[]) => Promise<FanoutGroup[]>;
}>;

/** Connects at most 50 at a time: a storm of connections is S4's subject, not every scenario's. */
async function connectAll(clients: readonly LoadClient[]): Promise<void> {
  for (let i = 0; i < clients.length; i += 50)
    await Promise.all(clients.slice(i, i + 50).map((c) => c.connect()));
}

/**
 * Sets up `count` devices in pairs and connects them. On Parley they are registered accounts in one-to-one
 * groups; on the relay, named pairs; on XMPP, accounts (registered in-band where the server allows) that
 * chat with their partner's bare JID. Groups for S3 are made on demand from the same devices.
 */
export async function setUpFleet(endpoint: Endpoint, count: number, ledgers: LedgerRef): Promise<Fleet> {
  if (endpoint.kind === 'xmpp') {
    const { server } = endpoint;
    const clients = Array.from({ length: count }, (_, i) => new XmppClient(i, server, ledgers));
    await connectAll(clients);
    let rooms = 0;
    const makeGroups = async (size: number, memberLists: readonly (readonly number[])[]) =>
      Promise.all(
        memberLists.map(async (members) => {
          const target = `g${size}-${rooms++}@${server.muc}`;
          // The first member creates (and configures) the room; the others join 10 at a time.
          const [first, ...rest] = members;
          if (first !== undefined) await clients[first]?.join(target);
          await pool(rest.length, 10, (i) => clients[rest[i] ?? -1]?.join(target) ?? Promise.resolve());
          return { target, members };
        }),
      );
    return { clients, makeGroups };
  }
  const { base, wsUrl } = endpoint;
  const devices: Device[] = endpoint.kind === 'parley' ? await setUpParley(base, count) : relayDevices(count);
  const clients = devices.map((d) => new BenchClient(d, ledgers, wsUrl));
  await connectAll(clients);
  const makeGroups = async (_size: number, memberLists: readonly (readonly number[])[]) => {
    if (endpoint.kind !== 'parley') throw new Error('the relay has no groups beyond pairs');
    const ids = await createGroups(base, devices, memberLists);
    // Connected members follow a group they were added to; give the server a moment to subscribe them.
    await new Promise((r) => setTimeout(r, 500));
    return memberLists.map((members, i) => ({ target: ids[i] ?? '', members }));
  };
  return { clients, makeGroups };
}
