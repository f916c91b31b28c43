import { CryptoError, type PublicCommit, readPublicCommit } from '@parley/crypto';
import { fromBase64url, type GroupMessage, limits, readMlsFraming } from '@parley/protocol';
import { type Clock, ceilHour, dayOf } from '../../clock.ts';
import type { Db } from '../../db/database.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { ApiError } from '../../errors.ts';
import type { Notifier } from '../../notifier.ts';
import { Batcher } from './batcher.ts';
import { decideCommit } from './commit-rules.ts';
import { leafStore } from './leaf-store.ts';
import { type AppendRow, groupStore, type Membership, type StoredMessage } from './store.ts';

type PendingSend = AppendRow & Readonly<{ payloadText: string }>;

/** Rows per statement: well under PostgreSQL's 65,535 parameters at six per row. */
const maxBatch = 500;
const ackFlushMs = 100;

/** What the message store reports for metrics: each statement's size, each acknowledged send's time. */
export type SendObserver = Readonly<{
  batchWritten: (sends: number) => void;
  acknowledged: (seconds: number) => void;
}>;

const noObserver: SendObserver = { batchWritten: () => {}, acknowledged: () => {} };

type Commit = Readonly<{ epoch: number; commit: string; welcome?: string | undefined; groupInfo: string }>;

/**
 * The MLS delivery service: group creation, one accepted commit per epoch, ordered storage of ciphertexts,
 * per-device cursors. It never sees plaintext and never records which member sent a message.
 */
export class GroupService implements AsyncDisposable {
  readonly #db: Db;
  readonly #clock: Clock;
  readonly #notify: Notifier;
  readonly #ttlMs: number;
  readonly #observer: SendObserver;
  readonly #sends = new Batcher<PendingSend, Readonly<{ seq: number }>>(
    (batch) => this.#appendBatch(batch),
    maxBatch,
  );
  readonly #acks = new Map<string, { groupId: string; deviceId: string; seq: number }>();
  #ackTimer: NodeJS.Timeout | undefined;

  constructor(db: Db, clock: Clock, notify: Notifier, ttlMs: number, observer: SendObserver = noObserver) {
    this.#db = db;
    this.#clock = clock;
    this.#notify = notify;
    this.#ttlMs = ttlMs;
    this.#observer = observer;
  }

  async create(deviceId: string, groupId: string) {
    try {
      await this.#db.transaction().execute(async (tx) => {
        const creator = (await leafStore.knownDevices(tx, [deviceId])).get(deviceId);
        if (!creator) throw new ApiError('unauthenticated');
        await groupStore.insertGroup(tx, groupId, creator, dayOf(this.#clock.now()));
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ApiError('group_exists');
      throw error;
    }
    // The creator's open connection starts following the group at once.
    this.#notify.joined(groupId, [deviceId]);
    return { groupId, epoch: 0, lastSeq: 0, cursor: 0 };
  }

  async list(deviceId: string) {
    return { groups: await groupStore.groupSummaries(this.#db, deviceId) };
  }

  async detail(deviceId: string, groupId: string) {
    const group = await this.#db
      .selectFrom('groups')
      .select('epoch')
      .where('id', '=', groupId)
      .executeTakeFirst();
    await this.#requireMember(groupId, deviceId);
    return { groupId, epoch: group?.epoch ?? 0, members: await groupStore.currentMembers(this.#db, groupId) };
  }

  /**
   * Accepts the first commit for the group's current epoch and refuses the rest with `stale_epoch`. The
   * membership change is read from the commit itself (a PublicMessage) and decided by `decideCommit`.
   */
  async commit(deviceId: string, groupId: string, body: Commit) {
    const commitBytes = decode(body.commit, limits.maxHandshakeBytes);
    const welcome = body.welcome === undefined ? undefined : decode(body.welcome, limits.maxHandshakeBytes);
    const groupInfo = decode(body.groupInfo, limits.maxHandshakeBytes);
    const stated = readCommit(groupId, body.epoch, commitBytes);
    if (stated.adds.length > 0 && !welcome)
      throw new ApiError('validation_failed', 'Adding devices needs a welcome.');
    if (stated.adds.length === 0 && welcome)
      throw new ApiError('validation_failed', 'A welcome needs added devices.');
    if (welcome && readMlsFraming(welcome)?.wireFormat !== 'welcome')
      throw new ApiError('invalid_mls_message', 'The welcome is not an MLS Welcome.');
    if (readMlsFraming(groupInfo)?.wireFormat !== 'group_info')
      throw new ApiError('invalid_mls_message', 'The group info is not an MLS GroupInfo.');
    const expiresAt = ceilHour(new Date(this.#clock.now().getTime() + this.#ttlMs));

    const stored = await this.#db.transaction().execute(async (tx) => {
      const group = await groupStore.lockGroup(tx, groupId);
      const member = group && (await groupStore.membership(tx, groupId, deviceId));
      if (!group || !member || member.until_seq !== null) throw new ApiError('not_a_member');
      if (group.epoch !== body.epoch)
        throw new ApiError('stale_epoch', undefined, { currentEpoch: group.epoch });
      const leaves = await leafStore.leaves(tx, groupId);
      const ids = [deviceId, ...stated.adds.map((a) => a.deviceId)];
      for (const id of leaves.values()) if (id !== null) ids.push(id);
      const devices = await leafStore.knownDevices(tx, ids);
      const committer = devices.get(deviceId);
      if (!committer) throw new ApiError('not_a_member');
      const change = decideCommit(stated, committer, { leaves, admins: group.admins }, devices);
      const adds = change.added.map((a) => a.deviceId);
      const messages: { message: StoredMessage; audience: string[] | null }[] = [];
      let seq = group.last_seq + 1;
      messages.push({
        message: { group_id: groupId, seq, kind: 'commit', epoch: group.epoch, payload: commitBytes },
        audience: null,
      });
      if (welcome) {
        seq += 1;
        messages.push({
          message: { group_id: groupId, seq, kind: 'welcome', epoch: group.epoch + 1, payload: welcome },
          audience: adds,
        });
      }
      for (const m of messages)
        await groupStore.insertMessage(tx, { ...m.message, audience: m.audience, expires_at: expiresAt });
      const commitSeq = group.last_seq + 1;
      const rejoined =
        change.rejoinedLeaf === undefined ? [] : [{ leafIndex: change.rejoinedLeaf, deviceId }];
      await leafStore.moveLeaves(tx, groupId, change.removedLeaves, [...change.added, ...rejoined]);
      await groupStore.addMembers(tx, groupId, adds, commitSeq);
      await groupStore.endMembership(tx, groupId, change.removedDevices, commitSeq);
      await groupStore.setGroup(tx, groupId, {
        epoch: group.epoch + 1,
        lastSeq: seq,
        groupInfo,
        admins: [...(change.admins ?? group.admins)],
      });
      // The welcome too, which the committer cannot see: its cursor would otherwise stop just before it.
      await groupStore.advanceSenders(
        tx,
        messages.map((m) => ({ groupId, deviceId, seq: m.message.seq })),
      );
      return { messages, commitSeq, epoch: group.epoch + 1, adds, removes: change.removedDevices };
    });

    for (const { message, audience } of stored.messages) {
      this.#notify.messageStored(present(message), {
        audience,
        exclude: deviceId,
        adds: stored.adds,
        removes: stored.removes,
      });
    }
    this.#notify.joined(groupId, stored.adds);
    return { seq: stored.commitSeq, epoch: stored.epoch };
  }

  /** The latest GroupInfo, for a current member that must rejoin (a removed device gets none). */
  async groupInfo(deviceId: string, groupId: string) {
    const member = await this.#requireMember(groupId, deviceId);
    if (member.until_seq !== null) throw new ApiError('not_a_member');
    const row = await leafStore.groupInfo(this.#db, groupId);
    if (!row?.group_info) throw new ApiError('not_found', 'The group has no GroupInfo yet.');
    return { epoch: row.epoch, groupInfo: Buffer.from(row.group_info).toString('base64url') };
  }

  /** Stores one application message; a retried send with the same client id returns the first sequence number. */
  async send(deviceId: string, groupId: string, clientId: string, payloadText: string) {
    const payload = decode(payloadText, limits.maxApplicationMessageBytes);
    const expiresAt = ceilHour(new Date(this.#clock.now().getTime() + this.#ttlMs));
    const started = performance.now();
    const { seq } = await this.#sends.submit({
      groupId,
      deviceId,
      clientId,
      payload,
      expiresAt,
      payloadText,
    });
    this.#observer.acknowledged((performance.now() - started) / 1000);
    return { id: clientId, groupId, seq };
  }

  /** One statement for every send that arrived while the previous batch was being written. */
  async #appendBatch(
    batch: readonly PendingSend[],
    retry = true,
  ): Promise<(Readonly<{ seq: number }> | Error)[]> {
    let stored: Map<number, { seq: number; epoch: number }>;
    try {
      stored = await groupStore.appendApplications(this.#db, batch);
      this.#observer.batchWritten(stored.size);
    } catch (error) {
      // Another process stored one of these client ids while this statement ran (a resend racing its first
      // attempt, even a batch of one): one statement per send, each of which now sees the stored row.
      if (!isUniqueViolation(error) || !retry) throw error;
      const results = [];
      for (const one of batch) results.push(...(await this.#appendBatch([one], false)));
      return results;
    }
    await groupStore.advanceSenders(
      this.#db,
      [...stored].flatMap(([i, row]) => {
        const send = batch[i];
        return send ? [{ groupId: send.groupId, deviceId: send.deviceId, seq: row.seq }] : [];
      }),
    );
    const results: (Readonly<{ seq: number }> | Error)[] = [];
    for (const [i, send] of batch.entries()) {
      const row = stored.get(i);
      if (row) {
        this.#notify.messageStored(
          {
            groupId: send.groupId,
            seq: row.seq,
            kind: 'application',
            epoch: row.epoch,
            payload: send.payloadText,
          },
          { audience: null, exclude: send.deviceId, adds: [], removes: [] },
        );
        results.push(row);
        continue;
      }
      const earlier = await groupStore.seqOfClientId(this.#db, send.groupId, send.clientId);
      results.push(earlier === undefined ? new ApiError('not_a_member') : { seq: earlier });
    }
    return results;
  }

  async messages(deviceId: string, groupId: string, after: number, limit: number) {
    const member = await this.#requireMember(groupId, deviceId);
    const rows = await groupStore.page(this.#db, deviceId, member, after, limit + 1);
    return { messages: rows.slice(0, limit).map(present), more: rows.length > limit };
  }

  /** A page of what a device has not yet acknowledged in one group, for WebSocket catch-up. */
  async backlog(deviceId: string, member: Membership, after: number) {
    // The counter is read first: every message up to it is committed before the page query runs.
    const lastSeq = await groupStore.lastSeq(this.#db, member.group_id);
    const rows = await groupStore.page(this.#db, deviceId, member, after, limits.maxMessagesPerPage + 1);
    return {
      messages: rows.slice(0, limits.maxMessagesPerPage).map(present),
      lastSeq,
      more: rows.length > limits.maxMessagesPerPage,
    };
  }

  async memberships(deviceId: string): Promise<Membership[]> {
    return groupStore.memberships(this.#db, deviceId);
  }

  async membership(deviceId: string, groupId: string): Promise<Membership | undefined> {
    return groupStore.membership(this.#db, groupId, deviceId);
  }

  /** Records a cumulative acknowledgement now (HTTP). */
  async ack(deviceId: string, groupId: string, seq: number): Promise<void> {
    await groupStore.ack(this.#db, groupId, deviceId, seq);
  }

  /**
   * Records a WebSocket acknowledgement with the next batch (all connections share one statement). A lost
   * batch only means those messages are delivered again, and clients deduplicate by sequence number.
   */
  ackLater(deviceId: string, groupId: string, seq: number): void {
    const key = `${groupId} ${deviceId}`;
    const previous = this.#acks.get(key);
    if (!previous || previous.seq < seq) this.#acks.set(key, { groupId, deviceId, seq });
    this.#ackTimer ??= setTimeout(() => void this.#flushAcks(), ackFlushMs);
  }

  async #flushAcks(): Promise<void> {
    this.#ackTimer = undefined;
    const acks = [...this.#acks.values()];
    this.#acks.clear();
    for (let i = 0; i < acks.length; i += maxBatch) {
      await groupStore.ackMany(this.#db, acks.slice(i, i + maxBatch)).catch(() => undefined);
    }
  }

  /** Writes what is batched: pending sends and acknowledgements. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.#sends[Symbol.asyncDispose]();
    if (this.#ackTimer) clearTimeout(this.#ackTimer);
    await this.#flushAcks();
  }

  async contactDevices(username: string): Promise<string[]> {
    return groupStore.contactDevices(this.#db, username);
  }

  async sweep() {
    return groupStore.sweep(this.#db, this.#clock.now());
  }

  async #requireMember(groupId: string, deviceId: string): Promise<Membership> {
    const member = await groupStore.membership(this.#db, groupId, deviceId);
    if (!member) throw new ApiError('not_a_member');
    return member;
  }
}

/** The schema already checked the alphabet, so Node's fast (lenient) decoder is safe here. */
function decode(text: string, max: number): Uint8Array {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length === 0 || bytes.length > max) throw new ApiError('payload_too_large');
  return bytes;
}

function present(m: StoredMessage): GroupMessage {
  const payload = Buffer.from(m.payload.buffer, m.payload.byteOffset, m.payload.byteLength).toString(
    'base64url',
  );
  return { groupId: m.group_id, seq: m.seq, kind: m.kind, epoch: m.epoch, payload };
}

/** Reads the commit the delivery service will apply: a PublicMessage for this group and the stated epoch. */
function readCommit(groupId: string, epoch: number, bytes: Uint8Array): PublicCommit {
  let stated: PublicCommit;
  try {
    stated = readPublicCommit(bytes);
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    throw new ApiError('invalid_mls_message', `The commit cannot be read: ${error.message}.`);
  }
  if (!sameBytes(stated.groupId, fromBase64url(groupId)))
    throw new ApiError('invalid_mls_message', 'The commit is for another group.');
  if (stated.epoch !== BigInt(epoch))
    throw new ApiError('invalid_mls_message', 'The commit is framed for another epoch than the one stated.');
  return stated;
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && a.length === b.length && a.every((byte, i) => byte === b[i]);
}
