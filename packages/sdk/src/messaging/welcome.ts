import {
  CryptoError,
  type Group,
  joinFromWelcome,
  UnauthorizedMemberError,
  welcomeKeyPackageRefs,
} from '@parley/crypto';
import type { GroupMessage } from '@parley/protocol';
import { isAccountGroup } from './conversation-roles.ts';
import type { GroupEngineDeps, GroupRecordKeeper } from './engine-deps.ts';

/**
 * Joins a group from a Welcome addressed to one of this device's KeyPackages (any other is acknowledged and
 * ignored). Every member of the group's tree must pass the directory's check; a refused one raises
 * `unauthorized-member`. The account's own group of its devices is joined without being shown.
 */
export async function applyWelcome(
  engine: GroupRecordKeeper,
  deps: GroupEngineDeps,
  m: GroupMessage,
  bytes: Uint8Array,
): Promise<void> {
  const { records, keyPackages, events } = deps;
  const existing = await records.conversation(m.groupId);
  const pkg =
    existing?.status === 'active' ? undefined : await keyPackages.find(welcomeKeyPackageRefs(bytes));
  if (!pkg) {
    deps.ack(m.groupId, m.seq);
    return;
  }
  let group: Group;
  try {
    group = await joinFromWelcome(deps.identity, bytes, pkg.privatePackage, pkg.keyPackage, deps.directory);
  } catch (error) {
    if (!(error instanceof CryptoError)) throw error;
    const problem = error instanceof UnauthorizedMemberError ? 'unauthorized-member' : undefined;
    if (problem) events.emit({ type: 'security-alert', problem, conversationId: m.groupId });
    else events.emit({ type: 'undecryptable', conversationId: m.groupId, seq: m.seq });
    deps.ack(m.groupId, m.seq);
    return;
  }
  await engine.save(m.groupId, { group, lastSeq: m.seq, ownSeqs: [], keysUpdatedAt: 0 });
  await records.saveConversation({ id: m.groupId, name: null, status: 'active' });
  await keyPackages.consumed(pkg);
  deps.ack(m.groupId, m.seq);
  if (isAccountGroup(group, deps.identity.username)) await deps.accountGroupJoined(m.groupId);
  else events.emit({ type: 'conversation-joined', conversationId: m.groupId });
  void keyPackages.topUp().catch(() => undefined);
}
