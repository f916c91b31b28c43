import {
  type CredentialPolicy,
  CryptoError,
  type DeviceIdentity,
  type Group,
  rejoinGroup,
} from '@parley/crypto';
import { fromBase64url, type GroupMessage, toBase64url } from '@parley/protocol';
import { ParleyApiError } from '../transport/api-error.ts';
import type { HttpClient } from '../transport/http-client.ts';
import type { GroupRecord } from './conversation-records.ts';
import type { GroupEngineDeps, GroupRecordKeeper } from './engine-deps.ts';

const maxAttempts = 6;

/**
 * Rejoins a conversation this device can no longer follow (a commit it could not process) by an external
 * commit from the group's latest GroupInfo, retrying when another commit wins the epoch. Messages between
 * the commit it missed and its rejoin stay unreadable. Throws a CryptoError when the GroupInfo does not
 * verify or names a device the policy refuses.
 */
export async function rejoinConversation(
  deps: Readonly<{ http: HttpClient; identity: DeviceIdentity; policy: CredentialPolicy }>,
  groupId: string,
): Promise<{ group: Group; seq: number }> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const latest = await deps.http.call('groupInfo', { params: { groupId } });
    const rejoined = await rejoinGroup(deps.identity, fromBase64url(latest.groupInfo), deps.policy);
    try {
      const accepted = await deps.http.call('commit', {
        params: { groupId },
        body: {
          epoch: latest.epoch,
          commit: toBase64url(rejoined.commit),
          groupInfo: toBase64url(rejoined.groupInfo),
        },
      });
      return { group: rejoined.next, seq: accepted.seq };
    } catch (error) {
      if (!(error instanceof ParleyApiError && error.code === 'stale_epoch')) throw error;
    }
  }
  throw new Error(`rejoining ${groupId} lost ${maxAttempts} races in a row`);
}

/**
 * Rejoins after a commit this device could not process; false when the group's GroupInfo does not verify
 * either (a network failure throws, so the message is retried).
 */
export async function rejoinAfter(
  engine: GroupRecordKeeper,
  deps: GroupEngineDeps,
  m: GroupMessage,
  record: GroupRecord,
): Promise<boolean> {
  let rejoined: Awaited<ReturnType<typeof rejoinConversation>>;
  try {
    const { http, identity, directory } = deps;
    rejoined = await rejoinConversation({ http, identity, policy: directory }, m.groupId);
  } catch (error) {
    const refused = error instanceof ParleyApiError && error.status < 500 && error.code !== 'rate_limited';
    if (error instanceof CryptoError || refused) return false;
    throw error;
  }
  await engine.save(m.groupId, {
    group: rejoined.group,
    lastSeq: rejoined.seq,
    ownSeqs: [...record.ownSeqs, rejoined.seq],
    keysUpdatedAt: engine.now(),
  });
  deps.ack(m.groupId, m.seq);
  deps.events.emit({ type: 'undecryptable', conversationId: m.groupId, seq: m.seq });
  return true;
}
