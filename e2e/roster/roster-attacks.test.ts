/**
 * "No silent participants", played by a hostile operator who edits its own database and answers, and by a
 * thief holding a device its owner removed. Each test asserts the defence a member would notice: a refusal
 * with an alert, or ciphertext the attacker cannot open.
 */
import { decodeGroup, processMessage } from '@parley/crypto';
import { fromBase64url, privateMessageFraming } from '@parley/protocol';
import {
  LinkPendingError,
  LinkVerificationError,
  MemoryStore,
  ParleyClient,
  UnauthorizedMemberError,
} from '@parley/sdk';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { eventually, nextEvent } from '@parley/testkit/events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitForger, forgedAccountFetch, hostileFetch, linkDevice, storedGroup } from './roster-support.ts';

describe('the roster under a hostile operator', () => {
  let net: TestNetwork;

  beforeAll(async () => {
    net = await startNetwork();
  });
  afterAll(async () => {
    await net?.close();
  });

  it('refuses a key package the server substitutes from another account, alerts, and creates nothing', async () => {
    const alice = await net.addClient('alice');
    await net.addClient('bob');
    const mallory = await net.addClient('mallory');
    const db = net.server.context.db;
    const deviceOf = async (username: string) =>
      (
        await db
          .selectFrom('devices')
          .innerJoin('accounts', 'accounts.id', 'devices.account_id')
          .select('devices.id')
          .where('accounts.username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    const malloryPackage = await db
      .selectFrom('key_packages')
      .select('package')
      .where('device_id', '=', mallory.deviceId)
      .executeTakeFirstOrThrow();
    // The operator serves mallory's valid package (her own account, her own signed list) as bob's.
    await db
      .updateTable('key_packages')
      .set({ package: malloryPackage.package })
      .where('device_id', '=', await deviceOf('bob'))
      .execute();

    const alert = nextEvent(alice, 'security-alert', (e) => e.problem === 'key-package-substituted');
    const groupsBefore = await db.selectFrom('group_members').select('group_id').execute();
    await expect(alice.createConversation('plans', ['bob'])).rejects.toThrow(UnauthorizedMemberError);
    expect((await alert).username).toBe('bob');

    expect(await alice.conversations()).toEqual([]);
    // mallory shares no group with alice (each is only in the account's own group of its devices).
    const shared = await db
      .selectFrom('group_members as m')
      .innerJoin('group_members as a', 'a.group_id', 'm.group_id')
      .select('m.group_id')
      .where('m.device_id', '=', mallory.deviceId)
      .where('a.device_id', '=', alice.deviceId)
      .execute();
    expect(shared).toEqual([]);
    const welcomes = await db
      .selectFrom('group_messages')
      .select('seq')
      .where('kind', '=', 'welcome')
      .execute();
    expect(welcomes).toEqual([]);
    // Only alice's own one-member group was ever created on the server.
    const groupsAfter = await db.selectFrom('group_members').select('group_id').execute();
    expect(groupsAfter.length - groupsBefore.length).toBe(1);
  });

  it('a new conversation with an unknown username leaves nothing behind', async () => {
    const carol = await net.addClient('carol');
    const db = net.server.context.db;
    const before = await db.selectFrom('groups').select('id').execute();
    await expect(carol.createConversation('typo', ['nobody-here'])).rejects.toThrow(
      'There is no Parley account called “nobody-here”',
    );
    expect(await carol.conversations()).toEqual([]);
    expect(await db.selectFrom('groups').select('id').execute()).toHaveLength(before.length);
  });

  it('linking checks the account both ways: a device shown a substituted account key trusts nothing', async () => {
    const hank = await net.addClient('hank');
    const store = new MemoryStore();
    const forge = { on: true };
    const device = net.blankClient({ store, fetch: forgedAccountFetch('hank', forge) });
    const code = await device.createLinkRequest('hank');
    expect(await ParleyClient.pendingLink(store)).toEqual({ username: 'hank', code });
    await expect(device.completeLink('00000 00000 00000 00000 00000 00000')).rejects.toThrow(
      LinkPendingError,
    );

    const { accountCode } = await hank.approveDevice(code);
    const alert = nextEvent(device, 'security-alert', (e) => e.problem === 'link-account-mismatch');
    await expect(device.completeLink(accountCode)).rejects.toThrow(LinkVerificationError);
    expect((await alert).username).toBe('hank');
    expect(await store.get('pin/hank')).toBeUndefined();
    expect(await ParleyClient.pendingLink(store)).toBeDefined();

    // Through an honest server the same code completes the link, and the link is no longer pending.
    forge.on = false;
    await device.completeLink(accountCode);
    expect(await ParleyClient.pendingLink(store)).toBeUndefined();
    expect((await device.devices()).map((d) => d.deviceId)).toContain(device.deviceId);
  });

  it('refuses a commit that is not one, and a non-admin member removing someone; nobody is cut off or alarmed', async () => {
    const ida = await net.addClient('ida');
    const jon = await net.addClient('jon');
    const forge = { forge: undefined as 'random' | 'remove' | undefined, ownLeaf: 2, victimLeaf: 0 };
    const kay = await net.addClient('kay', { fetch: commitForger(forge) });
    const joined = [nextEvent(jon, 'conversation-joined'), nextEvent(kay, 'conversation-joined')];
    const { id } = await ida.createConversation('crew', ['jon', 'kay']);
    await Promise.all(joined);
    const alerts: string[] = [];
    for (const c of [ida, jon]) c.on('security-alert', (e) => alerts.push(e.problem));
    expect(await jon.admins(id)).toEqual(['ida']);

    // kay's client is malicious: random bytes as a commit, then a well-formed commit removing ida (leaf 0).
    forge.forge = 'random';
    await expect(kay.removeMember(id, 'jon')).rejects.toMatchObject({ code: 'invalid_mls_message' });
    forge.forge = 'remove';
    await expect(kay.removeMember(id, 'jon')).rejects.toMatchObject({ code: 'not_an_admin' });
    forge.forge = undefined;
    // Without forging, kay's client refuses nothing itself, but the server does: kay is no admin.
    await expect(kay.removeMember(id, 'jon')).rejects.toMatchObject({ code: 'not_an_admin' });

    const atJon = nextEvent(jon, 'message');
    await ida.send(id, 'still here');
    expect((await atJon).message.text).toBe('still here');
    expect((await jon.conversations()).find((c) => c.id === id)?.status).toBe('active');
    expect(alerts).toEqual([]);
    const rows = await net.server.context.db
      .selectFrom('group_members')
      .select('device_id')
      .where('group_id', '=', id)
      .where('until_seq', 'is', null)
      .execute();
    expect(rows).toHaveLength(3);
  });

  it('lets the creator name an admin, who may then remove others, and every member sees the roles', async () => {
    const oda = await net.addClient('oda');
    const pip = await net.addClient('pip');
    const quin = await net.addClient('quin');
    const joined = [nextEvent(pip, 'conversation-joined'), nextEvent(quin, 'conversation-joined')];
    const { id } = await oda.createConversation('roles', ['pip', 'quin']);
    await Promise.all(joined);
    await expect(pip.makeAdmin(id, 'quin')).rejects.toMatchObject({ code: 'not_an_admin' });
    await oda.makeAdmin(id, 'pip');
    await eventually(async () => (await quin.admins(id)).join() === 'oda,pip', 'quin sees pip as admin');
    const removed = nextEvent(quin, 'removed-from-conversation');
    await pip.removeMember(id, 'quin');
    await removed;
    expect((await oda.members(id)).map((m) => m.username).sort()).toEqual(['oda', 'pip']);
  });

  it('refuses a removal by a non-admin that a hostile server let through, with an alert naming who did it', async () => {
    const rae = await net.addClient('rae');
    const sol = await net.addClient('sol');
    const tam = await net.addClient('tam');
    const joined = [nextEvent(sol, 'conversation-joined'), nextEvent(tam, 'conversation-joined')];
    const { id } = await rae.createConversation('coup', ['sol', 'tam']);
    await Promise.all(joined);
    // The operator edits its own database so that its accomplice tam passes the server's admin check.
    await net.server.context.db
      .updateTable('groups')
      .set({ admins: ['rae', 'tam'] })
      .where('id', '=', id)
      .execute();
    const alert = nextEvent(rae, 'security-alert', (e) => e.problem === 'unauthorized-commit');
    await tam.removeMember(id, 'sol');
    expect((await alert).username).toBe('tam');
    expect((await rae.conversations()).find((c) => c.id === id)?.status).toBe('refused');
    expect(await rae.admins(id)).toEqual(['rae']);
  });

  it('a member that cannot process a commit rejoins from the GroupInfo: no alert, and it reads what follows', async () => {
    const { lia, max, id } = await garbledConversation(net, 'rejoin');
    const alerts: string[] = [];
    max.on('security-alert', (e) => alerts.push(e.problem));
    const skipped = nextEvent(max, 'undecryptable');
    const liaSawRejoin = nextEvent(lia, 'members-changed');
    await max.connect();
    await skipped;
    await liaSawRejoin;
    const atMax = nextEvent(max, 'message', (e) => e.message.text === 'after the rejoin');
    await lia.send(id, 'after the rejoin');
    expect((await atMax).message.text).toBe('after the rejoin');
    expect((await max.members(id)).map((m) => m.username).sort()).toEqual([
      'rejoin-lia',
      'rejoin-max',
      'rejoin-ned',
    ]);
    expect(alerts).toEqual([]);
    expect((await max.conversations()).find((c) => c.id === id)?.status).toBe('active');
  });

  it('when it cannot rejoin either, the conversation stops with a true alert, never a false one', async () => {
    const { max, id } = await garbledConversation(net, 'stuck');
    await net.server.context.db
      .updateTable('groups')
      .set({ group_info: crypto.getRandomValues(new Uint8Array(300)) })
      .where('id', '=', id)
      .execute();
    const alerts: string[] = [];
    max.on('security-alert', (e) => alerts.push(e.problem));
    const alert = nextEvent(max, 'security-alert');
    await max.connect();
    expect((await alert).problem).toBe('unprocessable-commit');
    expect(alerts).not.toContain('unauthorized-member');
    expect((await max.conversations()).find((c) => c.id === id)?.status).toBe('broken');
  });

  it('cuts a removed device off in one commit: the thief cannot read what follows', async () => {
    const dora = await net.addClient('dora');
    const eric = await net.addClient('eric');
    const stolenStore = new MemoryStore();
    const stolen = await linkDevice(net, eric, { store: stolenStore });
    const joined = nextEvent(stolen, 'conversation-joined');
    const { id } = await dora.createConversation('trip', ['eric']);
    await joined;
    const epochBefore = await groupEpoch(net, id);

    const removedAtDora = nextEvent(dora, 'members-changed', (e) =>
      e.removed.some((d) => d.deviceId === stolen.deviceId),
    );
    await eric.removeDevice(stolen.deviceId);
    await removedAtDora;
    expect((await dora.members(id)).map((m) => m.deviceId)).not.toContain(stolen.deviceId);
    // The change is a line of the conversation on every member's side, not only a changed member list.
    const lines = (await dora.messages(id)).filter((m) => m.roster).map((m) => m.text);
    expect(lines).toContain('dora added eric');
    expect(lines.some((l) => /removed a device of eric$/.test(l))).toBe(true);
    expect((await eric.devices()).map((d) => d.deviceId)).not.toContain(stolen.deviceId);

    const atEric = nextEvent(eric, 'message');
    const secret = await dora.send(id, 'meet at the north gate');
    await atEric;
    // Whoever saw the shorter list first committed the removal; the others found nothing left to remove.
    expect(await groupEpoch(net, id)).toBe(epochBefore + 1);

    // A hostile server hands the thief every stored ciphertext: after its removal nothing opens.
    const state = await storedGroup(stolenStore, id);
    let group = decodeGroup(state.state);
    const allow = { isAuthorized: async () => true };
    const rows = await net.server.context.db
      .selectFrom('group_messages')
      .select(['seq', 'kind', 'payload'])
      .where('group_id', '=', id)
      .where('seq', '>', state.lastSeq)
      .orderBy('seq')
      .execute();
    for (const row of rows.filter((r) => r.kind === 'commit' && r.seq < secret.seq)) {
      const result = await processMessage(group, row.payload, allow);
      if (result.kind === 'commit') group = result.next;
    }
    const secretRow = rows.find((r) => r.seq === secret.seq);
    if (!secretRow) throw new Error('the ciphertext is not stored');
    await expect(processMessage(group, secretRow.payload, allow)).rejects.toThrow();
  });

  it('drops what a removed device writes while the server holds back its removal, and says so', async () => {
    // The operator colludes with the thief: it refuses every removal commit and injects the thief's message.
    const holdBack = { commits: false };
    const fran = await net.addClient('fran', { fetch: hostileFetch(holdBack) });
    const gus = await net.addClient('gus', { fetch: hostileFetch(holdBack) });
    const captured = { commits: false, sends: [] as string[] };
    const stolen = await linkDevice(net, gus, { fetch: hostileFetch(captured) });
    const joined = nextEvent(stolen, 'conversation-joined');
    const { id } = await fran.createConversation('ops', ['gus']);
    await joined;
    // Before it is stolen the phone is used normally (its first message also brings its routine key update).
    const atFran = nextEvent(fran, 'message');
    await stolen.send(id, 'phone checking in');
    expect((await atFran).message.sender.deviceId).toBe(stolen.deviceId);

    holdBack.commits = true;
    await expect(gus.removeDevice(stolen.deviceId)).rejects.toThrow();
    expect((await fran.devices('gus')).map((d) => d.deviceId)).not.toContain(stolen.deviceId);
    expect((await fran.members(id)).map((m) => m.deviceId)).toContain(stolen.deviceId);

    // The thief encrypts with the epoch's keys it still holds; the server refuses it (its device is gone),
    // so the operator stores the captured ciphertext itself.
    await expect(stolen.send(id, 'this is gus, send me the files')).rejects.toThrow();
    const payload = captured.sends.at(-1);
    if (payload === undefined) throw new Error('the thief produced no ciphertext');
    const db = net.server.context.db;
    const group = await db
      .selectFrom('groups')
      .select(['last_seq', 'epoch'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('group_messages')
      .values({
        group_id: id,
        seq: group.last_seq + 1,
        kind: 'application',
        epoch: group.epoch,
        payload: fromBase64url(payload),
        audience: null,
        client_id: null,
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .execute();
    await db
      .updateTable('groups')
      .set({ last_seq: group.last_seq + 1 })
      .where('id', '=', id)
      .execute();

    const alert = nextEvent(fran, 'security-alert', (e) => e.problem === 'message-from-removed-device');
    await fran.close();
    await fran.connect();
    expect((await alert).username).toBe('gus');
    await eventually(async () => {
      const cursor = await db
        .selectFrom('group_members')
        .select('cursor')
        .where('device_id', '=', fran.deviceId)
        .where('group_id', '=', id)
        .executeTakeFirstOrThrow();
      return cursor.cursor >= group.last_seq + 1;
    }, 'fran has processed the injected message');
    expect((await fran.messages(id)).map((m) => m.text)).not.toContain('this is gus, send me the files');

    // Once the server stops holding it back, the next connection's roster check removes the device.
    holdBack.commits = false;
    await fran.close();
    await fran.connect();
    await eventually(
      async () => !(await fran.members(id)).some((m) => m.deviceId === stolen.deviceId),
      'the stolen device is removed once commits go through',
    );
  });
});

async function groupEpoch(net: TestNetwork, id: string): Promise<number> {
  const row = await net.server.context.db
    .selectFrom('groups')
    .select('epoch')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.epoch;
}

/**
 * lia and max share a conversation; while max is offline lia adds ned, and the operator swaps the stored
 * commit for well-framed garbage of the same group and epoch.
 */
async function garbledConversation(net: TestNetwork, prefix: string) {
  const lia = await net.addClient(`${prefix}-lia`);
  const max = await net.addClient(`${prefix}-max`);
  await net.addClient(`${prefix}-ned`);
  const joined = nextEvent(max, 'conversation-joined');
  const { id } = await lia.createConversation('garbled', [max.username]);
  await joined;
  await max.close();
  await lia.addMembers(id, [`${prefix}-ned`]);
  const db = net.server.context.db;
  const row = await db
    .selectFrom('group_messages')
    .select(['seq', 'epoch'])
    .where('group_id', '=', id)
    .where('kind', '=', 'commit')
    .orderBy('seq', 'desc')
    .executeTakeFirstOrThrow();
  const garbage = privateMessageFraming(
    { groupId: fromBase64url(id), epoch: row.epoch, contentType: 'commit' },
    {
      senderData: crypto.getRandomValues(new Uint8Array(40)),
      ciphertext: crypto.getRandomValues(new Uint8Array(600)),
    },
  );
  await db
    .updateTable('group_messages')
    .set({ payload: garbage })
    .where('group_id', '=', id)
    .where('seq', '=', row.seq)
    .execute();
  return { lia, max, id };
}
