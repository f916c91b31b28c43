// Type-checked by the release it runs in (make.sh copies it there), not by this tree.
/**
 * Seeds a release's embedded database for the upgrade test: run by `make.sh` inside a checkout of that
 * release (copied to its apps/server/test/), against that release's own code. It writes what the next
 * releases must still serve: a first policy admin and a second one, a jurisdiction policy in force, an
 * approved agency with an officer, a submitted request (all in the transparency log), two members with a
 * conversation holding messages. The manifest records what the test needs to sign in and to compare.
 */
import { writeFile } from 'node:fs/promises';
import { submission } from './governance/members.ts';
import { GovWorld, PASSWORD } from './governance/support.ts';
import { commitBody, opaque, RawDevice, randomId } from './support/raw-client.ts';

const [dataDir, manifestFile, release] = process.argv.slice(2);
if (!dataDir || !manifestFile || !release)
  throw new Error('usage: seed.ts <data-dir> <manifest.json> <release>');

const world = await GovWorld.start(undefined, { dataDir, logSequenceIntervalMs: 0 } as never);
const second = await world.admin.call('createStaff', {
  body: { username: 'sam', displayName: 'Sam', password: PASSWORD, roles: ['policy_admin'] },
});
const sam = await world.staffSession('sam', second.body.totpSecret);
const officer = await world.acceptUnitedStates(sam);
const alice = await RawDevice.register(world.url, 'alice');
const request = await officer.call('submitRequest', { body: submission() as never });
const bob = await RawDevice.register(world.url, 'bob');
const groupId = randomId();
await alice.call('createGroup', { body: { groupId } });
await alice.call('commit', { params: { groupId }, body: commitBody(groupId, 0, { adds: [bob] }) });
await alice.connect();
for (const id of ['m1', 'm2', 'm3']) alice.send({ type: 'send', id, groupId, payload: opaque() });
await alice.waitFor((f) => f.type === 'sent' && f.id === 'm3');
await alice.disconnect();

await world.server.context.transparencyLog.sequence();
const checkpoint = await (await fetch(`${world.url}/log/checkpoint`)).text();
const messages = await bob.call('messages', { params: { groupId }, query: { after: 0 } });
const manifest = {
  release,
  clock: world.clock.now().toISOString(),
  admin: { username: 'pat', password: PASSWORD },
  secondAdmin: { username: 'sam', totpSecret: second.body.totpSecret },
  request: { status: request.status, reference: request.body.reference, state: request.body.state },
  members: { alice: alice.token, bob: bob.token },
  groupId,
  bobSees: messages.body.messages.map((m: { seq: number; kind: string }) => [m.seq, m.kind]),
  checkpoint,
};
await writeFile(manifestFile, `${JSON.stringify(manifest, null, 2)}\n`);
await world.close();
