import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  authChallengeMessage,
  createKeyPackage,
  decodeGroup,
  generateSigningKeyPair,
  processMessage,
  signWithLabel,
  TEST_STORAGE_KEY_PARAMS,
} from '@parley/crypto';
import { fromBase64url, toBase64url } from '@parley/protocol';
import {
  type ChatMessage,
  type FetchLike,
  HttpClient,
  MemoryStore,
  ParleyApiError,
  type ParleyClient,
  UnauthorizedMemberError,
} from '@parley/sdk';
import { FileStore } from '@parley/sdk/node';
import { startNetwork, type TestNetwork } from '@parley/testkit';
import { eventually, nextEvent } from '@parley/testkit/events';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Every plaintext the scenarios send; none may appear in the server's database. */
const plaintexts: string[] = [];
const say = async (client: ParleyClient, conversationId: string, text: string): Promise<ChatMessage> => {
  plaintexts.push(text);
  return client.send(conversationId, text);
};

describe('messaging through the sdk against a real server', () => {
  let net: TestNetwork;
  let alice: ParleyClient;
  let bob: ParleyClient;
  let carol: ParleyClient;
  let carolStore: MemoryStore;
  let conversationId = '';
  let profileDir = '';

  beforeAll(async () => {
    net = await startNetwork({ clients: 2 });
    [alice, bob] = pair(net.clients);
    carolStore = new MemoryStore();
    carol = await net.addClient('carol', { store: carolStore });
    profileDir = await mkdtemp(join(tmpdir(), 'parley-e2e-'));
  });
  afterAll(async () => {
    await net?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  it('creates a group, adds two members, and delivers messages both ways with the right sender', async () => {
    const bobJoined = nextEvent(bob, 'conversation-joined');
    const carolJoined = nextEvent(carol, 'conversation-joined');
    plaintexts.push('weekend plans');
    conversationId = (await alice.createConversation('weekend plans', ['bob', 'carol'])).id;
    expect((await bobJoined).conversationId).toBe(conversationId);
    await carolJoined;
    await eventually(
      async () => (await bob.conversations())[0]?.name === 'weekend plans',
      'bob learns the name',
    );
    expect(await alice.members(conversationId)).toHaveLength(3);

    const atBob = nextEvent(bob, 'message');
    const atCarol = nextEvent(carol, 'message');
    await say(alice, conversationId, 'hello from alice');
    expect((await atBob).message).toMatchObject({
      text: 'hello from alice',
      sender: { username: 'alice', deviceId: alice.deviceId },
    });
    expect((await atCarol).message.text).toBe('hello from alice');

    const atAlice = nextEvent(alice, 'message');
    await say(bob, conversationId, 'hi alice, bob here');
    expect((await atAlice).message).toMatchObject({
      text: 'hi alice, bob here',
      sender: { username: 'bob', deviceId: bob.deviceId },
    });
    expect(await alice.safetyNumber('bob')).toBe(await bob.safetyNumber('alice'));
  });

  it('removes a member, who is told and cannot decrypt later messages', async () => {
    const before = await carolStore.get(`group/${conversationId}`);
    if (!before) throw new Error('carol has no group state');
    const removed = nextEvent(carol, 'removed-from-conversation');
    const bobSees = nextEvent(bob, 'members-changed', (e) => e.removed.some((d) => d.username === 'carol'));
    await alice.removeMember(conversationId, 'carol');
    expect((await removed).conversationId).toBe(conversationId);
    await bobSees;

    const atBob = nextEvent(bob, 'message');
    const secret = await say(alice, conversationId, 'carol must not read this');
    await atBob;
    expect((await carol.messages(conversationId)).map((m) => m.text)).not.toContain(secret.text);
    await expect(carol.send(conversationId, 'still here?')).rejects.toThrow();

    // The ciphertext itself, fed to carol's last state (after applying her removal), does not open.
    const rows = await net.server.context.db
      .selectFrom('group_messages')
      .select(['seq', 'kind', 'payload'])
      .where('group_id', '=', conversationId)
      .orderBy('seq')
      .execute();
    const stateJson: unknown = JSON.parse(new TextDecoder().decode(before));
    let group = decodeGroup(fromBase64url(String(Reflect.get(Object(stateJson), 'state'))));
    const allow = { isAuthorized: async () => true };
    const lastSeq = Number(Reflect.get(Object(stateJson), 'lastSeq'));
    for (const row of rows.filter((r) => r.seq > lastSeq && r.seq < secret.seq)) {
      if (row.kind !== 'commit') continue;
      const result = await processMessage(group, row.payload, allow);
      if (result.kind === 'commit') group = result.next;
    }
    const secretRow = rows.find((r) => r.seq === secret.seq);
    if (!secretRow) throw new Error('the ciphertext is not stored');
    await expect(processMessage(group, secretRow.payload, allow)).rejects.toThrow();
  });

  it('links a second device that joins and reads new messages, and other members see it', async () => {
    const bob2 = net.blankClient();
    const code = await bob2.createLinkRequest('bob');
    const aliceSeesDevice = nextEvent(
      alice,
      'device-added',
      (e) => e.username === 'bob' && e.deviceId === bob2.deviceId,
    );
    const { accountCode } = await bob.approveDevice(code);
    expect((await aliceSeesDevice).deviceId).toBe(bob2.deviceId);

    const joined = nextEvent(bob2, 'conversation-joined');
    const aliceSeesMember = nextEvent(alice, 'members-changed', (e) =>
      e.added.some((d) => d.deviceId === bob2.deviceId),
    );
    await bob2.completeLink(accountCode);
    await bob2.connect();
    expect((await joined).conversationId).toBe(conversationId);
    await aliceSeesMember;
    expect((await bob2.devices()).map((d) => d.deviceId).sort()).toEqual(
      [bob.deviceId, bob2.deviceId].sort(),
    );

    const atBob2 = nextEvent(bob2, 'message');
    await say(alice, conversationId, 'welcome, second device');
    expect((await atBob2).message).toMatchObject({
      text: 'welcome, second device',
      sender: { username: 'alice' },
    });
    await eventually(
      async () => (await bob2.conversations())[0]?.name === 'weekend plans',
      'bob2 learns the name',
    );
  });

  it('delivers everything to an offline recipient in order, once, after it reopens its profile', async () => {
    const store = await FileStore.open({
      directory: profileDir,
      passphrase: 'dave’s passphrase',
      keyParams: TEST_STORAGE_KEY_PARAMS,
    });
    const dave = await net.addClient('dave', { store });
    const joined = nextEvent(dave, 'conversation-joined');
    await alice.addMembers(conversationId, ['dave']);
    await joined;
    await dave.close();

    const texts = ['one', 'two', 'three', 'four', 'five'].map((n) => `offline message ${n}`);
    for (const text of texts) await say(alice, conversationId, text);
    await say(bob, conversationId, 'and one from bob');

    const reopened = net.blankClient({
      store: await FileStore.open({ directory: profileDir, passphrase: 'dave’s passphrase' }),
    });
    await reopened.open();
    const received: string[] = [];
    reopened.on('message', (e) => received.push(e.message.text));
    const synced = nextEvent(reopened, 'synced');
    await reopened.connect();
    await synced;
    expect(received.slice(-6)).toEqual([...texts, 'and one from bob']);

    // A second reconnect replays nothing already acknowledged.
    await reopened.close();
    const again = nextEvent(reopened, 'synced');
    await reopened.connect();
    await again;
    const history = (await reopened.messages(conversationId)).map((m) => m.text);
    expect(history.filter((t) => t === 'offline message one')).toHaveLength(1);
    expect(new Set(history).size).toBe(history.length);
    expect(received.length).toBe(new Set(received).size);
  });

  it('rejects a stale commit with stale_epoch and the loser catches up and retries', async () => {
    const statuses: string[] = [];
    const recording: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      const text = await response.text();
      if (response.status === 409) statuses.push(text);
      return { status: response.status, text: async () => text };
    };
    const erin = await net.addClient('erin', { fetch: recording });
    const frank = await net.addClient('frank');
    const joined = nextEvent(erin, 'conversation-joined');
    const room = await alice.createConversation('stale test', ['erin']);
    plaintexts.push('stale test');
    await joined;
    // erin is offline while alice moves the group on, so erin's next commit is for an old epoch.
    await erin.close();
    await alice.addMembers(room.id, ['bob']);
    const frankJoined = nextEvent(frank, 'conversation-joined');
    expect(await erin.addMembers(room.id, ['frank'])).toBe(1);
    await frankJoined;
    expect(statuses.some((s) => s.includes('"stale_epoch"'))).toBe(true);
    const everyone = (await alice.members(room.id)).map((m) => m.username).sort();
    expect(everyone).toEqual(['alice', 'bob', 'bob', 'erin', 'frank']);

    const atFrank = nextEvent(frank, 'message');
    await erin.connect();
    await say(erin, room.id, 'erin recovered');
    expect((await atFrank).message.sender.username).toBe('erin');
  });

  it('refuses a KeyPackage whose credential is outside the signed device list (server-side-only device)', async () => {
    const db = net.server.context.db;
    const account = await db
      .selectFrom('accounts')
      .select('id')
      .where('username', '=', 'frank')
      .executeTakeFirstOrThrow();
    const ghostKeys = generateSigningKeyPair();
    const ghostId = toBase64url(crypto.getRandomValues(new Uint8Array(16)));
    const today = new Date().toISOString().slice(0, 10);
    await db
      .insertInto('devices')
      .values({
        id: ghostId,
        account_id: account.id,
        signature_key: ghostKeys.publicKey,
        created_on: today,
        last_seen_on: today,
      })
      .execute();
    const ghost = await createKeyPackage({
      username: 'frank',
      deviceId: ghostId,
      signaturePublicKey: ghostKeys.publicKey,
      signaturePrivateKey: ghostKeys.privateKey,
    });
    // A malicious server hands out the ghost's package in place of frank's real ones.
    const frank = only(
      await db
        .selectFrom('devices')
        .select('id')
        .where('account_id', '=', account.id)
        .where('id', '!=', ghostId)
        .execute(),
    );
    await db
      .updateTable('key_packages')
      .set({ package: ghost.keyPackage })
      .where('device_id', '=', frank.id)
      .execute();
    await expect(alice.createConversation('ghost test', ['frank'])).rejects.toThrow(UnauthorizedMemberError);
  });

  it('refuses a forged device list and a substituted account key, and says so', async () => {
    const db = net.server.context.db;
    const row = await db
      .selectFrom('accounts')
      .selectAll()
      .where('username', '=', 'bob')
      .executeTakeFirstOrThrow();
    const forged = JSON.parse(new TextDecoder().decode(row.device_list_payload));
    forged.version += 1;
    forged.devices.push({
      deviceId: toBase64url(new Uint8Array(16)),
      signatureKey: toBase64url(generateSigningKeyPair().publicKey),
      addedAt: '2026-01-01',
    });
    await db
      .updateTable('accounts')
      .set({
        device_list_payload: new TextEncoder().encode(JSON.stringify(forged)),
        device_list_version: forged.version,
      })
      .where('id', '=', row.id)
      .execute();
    const alert = nextEvent(alice, 'security-alert', (e) => e.username === 'bob');
    await expect(alice.devices('bob')).rejects.toThrow(/invalid-device-list/);
    expect((await alert).problem).toBe('invalid-device-list');

    // The server swaps in its own account key and a list it signed: the pinned key no longer matches.
    const attacker = generateSigningKeyPair();
    const payload = new TextEncoder().encode(JSON.stringify(forged));
    await db
      .updateTable('accounts')
      .set({
        account_key: attacker.publicKey,
        device_list_signature: signWithLabel('device-list', attacker.privateKey, payload),
      })
      .where('id', '=', row.id)
      .execute();
    const keyAlert = nextEvent(alice, 'security-alert', (e) => e.problem === 'account-key-changed');
    await expect(alice.addMembers(conversationId, ['bob'])).rejects.toThrow(/account-key-changed/);
    expect((await keyAlert).username).toBe('bob');
  });

  it('refuses a session for a forged device signature', async () => {
    const http = new HttpClient({ baseUrl: net.url });
    const { challenge } = await http.call('challenge', {
      body: { username: 'alice', deviceId: alice.deviceId },
    });
    const forged = signWithLabel(
      'auth',
      generateSigningKeyPair().privateKey,
      authChallengeMessage(fromBase64url(challenge), 'alice', alice.deviceId),
    );
    const attempt = http.call('session', {
      body: { username: 'alice', deviceId: alice.deviceId, challenge, signature: toBase64url(forged) },
    });
    await expect(attempt).rejects.toMatchObject({ code: 'invalid_signature', status: 401 });
    await expect(attempt).rejects.toBeInstanceOf(ParleyApiError);
  });

  it('leaves no plaintext anywhere in the server database', async () => {
    const db = net.server.context.db;
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
    expect(tables.rows.length).toBeGreaterThan(5);
    let cells = 0;
    const needles = plaintexts.map((p) => ({ text: p, bytes: new TextEncoder().encode(p) }));
    for (const { table_name } of tables.rows) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(db);
      for (const row of rows) {
        for (const value of Object.values(row)) {
          cells += 1;
          for (const needle of needles) {
            if (value instanceof Uint8Array)
              expect(contains(value, needle.bytes), `${table_name} holds "${needle.text}"`).toBe(false);
            else expect(JSON.stringify(value ?? null)).not.toContain(needle.text);
          }
        }
      }
    }
    expect(cells).toBeGreaterThan(100);
    expect(plaintexts.length).toBeGreaterThan(10);
  });
});

function pair<T>(items: readonly T[]): [T, T] {
  const [a, b] = items;
  if (a === undefined || b === undefined) throw new Error(`expected 2 items, got ${items.length}`);
  return [a, b];
}

function only<T>(items: readonly T[]): T {
  const [a] = items;
  if (a === undefined || items.length !== 1) throw new Error(`expected 1 item, got ${items.length}`);
  return a;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}
