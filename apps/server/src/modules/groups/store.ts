import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import type { GroupMessagesTable } from '../../db/schema/group-messages.ts';
import type { KnownDevice } from './commit-rules.ts';

export type StoredMessage = Pick<GroupMessagesTable, 'group_id' | 'seq' | 'kind' | 'epoch' | 'payload'>;
export type AppendRow = Readonly<{
  groupId: string;
  deviceId: string;
  clientId: string;
  payload: Uint8Array;
  expiresAt: Date;
}>;
export type Membership = Readonly<{
  group_id: string;
  from_seq: number;
  until_seq: number | null;
  cursor: number;
}>;

const visibleTo = (deviceId: string) => sql<boolean>`(m.audience is null or ${deviceId} = any(m.audience))`;

/** With leaf-store.ts, the only module that writes groups, group_leaves, group_members and group_messages. */
export const groupStore = {
  /** A new group: the creator holds leaf 0 and its account is the first admin. */
  async insertGroup(db: Db, groupId: string, creator: KnownDevice, today: string): Promise<void> {
    await db
      .insertInto('groups')
      .values({
        id: groupId,
        epoch: 0,
        last_seq: 0,
        created_on: today,
        admins: [creator.username],
        group_info: null,
      })
      .execute();
    await db
      .insertInto('group_leaves')
      .values({ group_id: groupId, leaf_index: 0, device_id: creator.deviceId })
      .execute();
    await db
      .insertInto('group_members')
      .values({ group_id: groupId, device_id: creator.deviceId, from_seq: 0, until_seq: null, cursor: 0 })
      .execute();
  },

  async lockGroup(db: Db, groupId: string) {
    return db
      .selectFrom('groups')
      .select(['epoch', 'last_seq', 'admins'])
      .where('id', '=', groupId)
      .forUpdate()
      .executeTakeFirst();
  },

  async lastSeq(db: Db, groupId: string): Promise<number> {
    const row = await db.selectFrom('groups').select('last_seq').where('id', '=', groupId).executeTakeFirst();
    return row?.last_seq ?? 0;
  },

  async membership(db: Db, groupId: string, deviceId: string): Promise<Membership | undefined> {
    return db
      .selectFrom('group_members')
      .select(['group_id', 'from_seq', 'until_seq', 'cursor'])
      .where('group_id', '=', groupId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
  },

  async memberships(db: Db, deviceId: string): Promise<Membership[]> {
    return db
      .selectFrom('group_members')
      .select(['group_id', 'from_seq', 'until_seq', 'cursor'])
      .where('device_id', '=', deviceId)
      .execute();
  },

  async currentMembers(db: Db, groupId: string) {
    return db
      .selectFrom('group_members')
      .innerJoin('devices', 'devices.id', 'group_members.device_id')
      .innerJoin('accounts', 'accounts.id', 'devices.account_id')
      .select(['accounts.username as username', 'devices.id as deviceId'])
      .where('group_members.group_id', '=', groupId)
      .where('group_members.until_seq', 'is', null)
      .orderBy('accounts.username')
      .orderBy('devices.id')
      .execute();
  },

  /**
   * Appends many application messages in one statement (group commit). Each group's counter is bumped once by
   * the number of its messages from current members whose client id is new; the row lock on each group orders
   * concurrent writers. Returns the stored ones by input position; the others were refused or duplicates.
   */
  async appendApplications(
    db: Db,
    rows: readonly AppendRow[],
  ): Promise<Map<number, { seq: number; epoch: number }>> {
    const values = sql.join(
      rows.map(
        (r, i) =>
          sql`(${i}::int, ${r.groupId}::text, ${r.deviceId}::text, ${r.clientId}::text, ${r.payload}::bytea, ${r.expiresAt}::timestamptz)`,
      ),
    );
    const { rows: stored } = await sql<{ ord: number; seq: number; epoch: number }>`
      with input(ord, group_id, device_id, client_id, payload, expires_at) as (values ${values}),
      valid as (
        select distinct on (i.group_id, i.client_id) i.* from input i
        where exists (select 1 from group_members m
            where m.group_id = i.group_id and m.device_id = i.device_id and m.until_seq is null)
          and not exists (select 1 from group_messages x where x.group_id = i.group_id and x.client_id = i.client_id)
        order by i.group_id, i.client_id, i.ord),
      counts as (select group_id, count(*)::bigint as n from valid group by group_id),
      -- Group rows are locked in id order: batches from two processes that share groups then wait for each
      -- other instead of deadlocking (which fails one of them after deadlock_timeout).
      locked as materialized (
        select g.id, c.n from groups g join counts c on c.group_id = g.id order by g.id for update of g),
      bumped as (
        update groups g set last_seq = g.last_seq + l.n from locked l where g.id = l.id
        returning g.id, g.last_seq, g.epoch, l.n),
      numbered as (
        select v.ord, v.group_id, v.client_id, v.payload, v.expires_at, b.epoch,
          b.last_seq - b.n + row_number() over (partition by v.group_id order by v.ord) as seq
        from valid v join bumped b on b.id = v.group_id),
      inserted as (
        insert into group_messages (group_id, seq, kind, epoch, payload, audience, client_id, expires_at)
        select group_id, seq, 'application', epoch, payload, null, client_id, expires_at from numbered
        returning seq)
      select n.ord, n.seq, n.epoch from numbered n where n.seq in (select seq from inserted)`.execute(db);
    return new Map(stored.map((r) => [r.ord, { seq: r.seq, epoch: r.epoch }]));
  },

  /** Cumulative acknowledgements of many devices in one statement; a cursor never moves back. */
  async ackMany(db: Db, acks: readonly { groupId: string; deviceId: string; seq: number }[]): Promise<void> {
    if (acks.length === 0) return;
    const values = sql.join(
      acks.map((a) => sql`(${a.groupId}::text, ${a.deviceId}::text, ${a.seq}::bigint)`),
    );
    await sql`
      update group_members m set cursor = greatest(m.cursor, least(v.seq, coalesce(m.until_seq, v.seq)))
      from (values ${values}) as v(group_id, device_id, seq)
      where m.group_id = v.group_id and m.device_id = v.device_id`.execute(db);
  },

  /**
   * Moves each sender's cursor over what it just stored, as if it had acknowledged its own message: otherwise
   * the one member still behind on a message once the others acknowledged it would be its sender. Only when
   * nothing before it that the sender may see is unacknowledged (its own sends in `sent` aside), so a
   * cumulative cursor never covers a message the device has not had.
   */
  async advanceSenders(
    db: Db,
    sent: readonly Readonly<{ groupId: string; deviceId: string; seq: number }>[],
  ): Promise<void> {
    if (sent.length === 0) return;
    const values = sql.join(
      sent.map((s) => sql`(${s.groupId}::text, ${s.deviceId}::text, ${s.seq}::bigint)`),
    );
    await sql`
      with sent(group_id, device_id, seq) as (values ${values}),
      target as (
        select s.group_id, s.device_id, max(s.seq) as seq from sent s
        join group_members gm on gm.group_id = s.group_id and gm.device_id = s.device_id
        where gm.until_seq is null and not exists (
          select 1 from group_messages x
          where x.group_id = s.group_id and x.seq > greatest(gm.cursor, gm.from_seq) and x.seq < s.seq
            and (x.audience is null or s.device_id = any(x.audience))
            and not exists (select 1 from sent o
              where o.group_id = s.group_id and o.device_id = s.device_id and o.seq = x.seq))
        group by s.group_id, s.device_id)
      update group_members m set cursor = greatest(m.cursor, t.seq)
      from target t where m.group_id = t.group_id and m.device_id = t.device_id`.execute(db);
  },

  async seqOfClientId(db: Db, groupId: string, clientId: string): Promise<number | undefined> {
    const row = await db
      .selectFrom('group_messages')
      .select('seq')
      .where('group_id', '=', groupId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row?.seq;
  },

  async insertMessage(
    db: Db,
    m: Readonly<StoredMessage & { audience: string[] | null; expires_at: Date }>,
  ): Promise<void> {
    await db
      .insertInto('group_messages')
      .values({ ...m, client_id: null })
      .execute();
  },

  async addMembers(db: Db, groupId: string, deviceIds: readonly string[], fromSeq: number): Promise<void> {
    if (deviceIds.length === 0) return;
    await db
      .insertInto('group_members')
      .values(
        deviceIds.map((id) => ({
          group_id: groupId,
          device_id: id,
          from_seq: fromSeq,
          until_seq: null,
          cursor: fromSeq,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['group_id', 'device_id'])
          .doUpdateSet({ from_seq: fromSeq, until_seq: null, cursor: fromSeq }),
      )
      .execute();
  },

  async endMembership(
    db: Db,
    groupId: string,
    deviceIds: readonly string[],
    untilSeq: number,
  ): Promise<void> {
    if (deviceIds.length === 0) return;
    await db
      .updateTable('group_members')
      .set({ until_seq: untilSeq })
      .where('group_id', '=', groupId)
      .where('device_id', 'in', deviceIds)
      .execute();
  },

  async setGroup(
    db: Db,
    groupId: string,
    next: Readonly<{ epoch: number; lastSeq: number; groupInfo: Uint8Array; admins: string[] }>,
  ): Promise<void> {
    await db
      .updateTable('groups')
      .set({ epoch: next.epoch, last_seq: next.lastSeq, group_info: next.groupInfo, admins: next.admins })
      .where('id', '=', groupId)
      .execute();
  },

  /** Messages the device may read after `after`, in order. */
  async page(
    db: Db,
    deviceId: string,
    member: Membership,
    after: number,
    limit: number,
  ): Promise<StoredMessage[]> {
    const from = Math.max(after, member.from_seq);
    const { rows } = await sql<StoredMessage>`
      select m.group_id, m.seq, m.kind, m.epoch, m.payload from group_messages m
      where m.group_id = ${member.group_id} and m.seq > ${from}
        and (${member.until_seq}::bigint is null or m.seq <= ${member.until_seq}::bigint)
        and ${visibleTo(deviceId)}
      order by m.seq limit ${limit}`.execute(db);
    return rows;
  },

  async groupSummaries(db: Db, deviceId: string) {
    return db
      .selectFrom('group_members')
      .innerJoin('groups', 'groups.id', 'group_members.group_id')
      .select([
        'groups.id as groupId',
        'groups.epoch as epoch',
        'groups.last_seq as lastSeq',
        'group_members.cursor as cursor',
      ])
      .where('group_members.device_id', '=', deviceId)
      .where('group_members.until_seq', 'is', null)
      .orderBy('groups.id')
      .execute();
  },

  /** Cumulative acknowledgement of one device (HTTP). */
  async ack(db: Db, groupId: string, deviceId: string, seq: number): Promise<void> {
    await groupStore.ackMany(db, [{ groupId, deviceId, seq }]);
  },

  /** Devices that share at least one group with the account. */
  async contactDevices(db: Db, username: string): Promise<string[]> {
    const { rows } = await sql<{ device_id: string }>`
      select distinct other.device_id from group_members mine
      join devices d on d.id = mine.device_id
      join accounts a on a.id = d.account_id and a.username = ${username}
      join group_members other on other.group_id = mine.group_id and other.until_seq is null
      where mine.until_seq is null`.execute(db);
    return rows.map((r) => r.device_id);
  },

  /** Deletes messages every recipient has acknowledged, expired messages, and finished memberships. */
  async sweep(db: Db, now: Date): Promise<{ delivered: number; expired: number }> {
    const delivered = await sql`
      delete from group_messages m using (
        select g.id, coalesce(min(greatest(gm.cursor, gm.from_seq)), g.last_seq) as done
        from groups g left join group_members gm on gm.group_id = g.id
        group by g.id) d
      where m.group_id = d.id and m.seq <= d.done`.execute(db);
    const expired = await db.deleteFrom('group_messages').where('expires_at', '<=', now).executeTakeFirst();
    await sql`
      delete from group_members gm where gm.until_seq is not null and (gm.cursor >= gm.until_seq or not exists (
        select 1 from group_messages m where m.group_id = gm.group_id
          and m.seq > greatest(gm.cursor, gm.from_seq) and m.seq <= gm.until_seq))`.execute(db);
    return { delivered: Number(delivered.numAffectedRows ?? 0), expired: Number(expired.numDeletedRows) };
  },
};
