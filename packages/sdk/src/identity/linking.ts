import { accountCode } from '@parley/crypto';
import { fromBase64url, toBase64url } from '@parley/protocol';
import type { EventHub } from '../events.ts';
import { type ClientStore, getJson, putJson } from '../store/client-store.ts';
import { ParleyApiError } from '../transport/api-error.ts';
import type { HttpClient } from '../transport/http-client.ts';
import type { AccountDirectory } from './account-directory.ts';
import { login } from './account-flows.ts';
import type { LocalIdentity } from './device-identity.ts';

/** The new device is not in its account's signed list yet: the other device has not approved it. */
export class LinkPendingError extends Error {
  override readonly name = 'LinkPendingError';
}

/**
 * The account key the server serves does not match the account code the user read off the account's own
 * device: the server (or someone between) is substituting the account. Nothing was pinned.
 */
export class LinkVerificationError extends Error {
  override readonly name = 'LinkVerificationError';
}

/** Where a device being linked keeps its link code until the link completes, so a reload can resume. */
const pendingLinkKey = 'link/pending';

export type PendingLink = Readonly<{ username: string; code: string }>;

export async function pendingLink(store: ClientStore): Promise<PendingLink | undefined> {
  const raw = await getJson(store, pendingLinkKey);
  if (typeof raw !== 'object' || raw === null) return undefined;
  const code: unknown = Reflect.get(raw, 'code');
  const username: unknown = Reflect.get(raw, 'username');
  return typeof code === 'string' && typeof username === 'string' ? { username, code } : undefined;
}

export async function rememberPendingLink(store: ClientStore, link: PendingLink): Promise<void> {
  await putJson(store, pendingLinkKey, link);
}

/** Compares an account code as typed (spaces and dashes ignored) with the served account's code. */
function sameAccountCode(typed: string, served: Readonly<{ username: string; accountKey: Uint8Array }>) {
  const digits = (code: string) => code.replace(/[\s-]/g, '');
  return digits(typed) === digits(accountCode(served));
}

export type LinkDeps = Readonly<{
  http: HttpClient;
  store: ClientStore;
  directory: AccountDirectory;
  events: EventHub;
  identity: LocalIdentity;
}>;

/**
 * The new device's half of linking, once approved, with the account code the approving device showed:
 * nothing is pinned unless the account key the server serves has that code, so the server cannot make the
 * new device trust an account of its own. Then logs in and checks its own entry in the signed list.
 * Throws LinkPendingError while the approval has not happened (try again later) and LinkVerificationError,
 * with a security alert, when the code does not match (never retry that).
 */
export async function completeLink(deps: LinkDeps, accountCodeShown: string): Promise<void> {
  const { http, store, directory, events, identity } = deps;
  try {
    await login(http, identity);
  } catch (error) {
    if (error instanceof ParleyApiError && error.code === 'unknown_device')
      throw new LinkPendingError('this device has not been approved yet');
    throw error;
  }
  const served = await http.call('getAccount', { params: { username: identity.username } });
  const servedKey = { username: served.username, accountKey: fromBase64url(served.accountKey) };
  if (!sameAccountCode(accountCodeShown, servedKey)) {
    events.emit({ type: 'security-alert', problem: 'link-account-mismatch', username: identity.username });
    throw new LinkVerificationError(
      'This account code does not match the account the server gave this device. Check the code on your other device; if it still does not match, the server may be impersonating your account: link nothing through it.',
    );
  }
  const account = await directory.accept(served);
  const entry = account.list.devices.find((d) => d.deviceId === identity.deviceId);
  if (entry?.signatureKey !== toBase64url(identity.device.publicKey))
    throw new LinkPendingError('this device is not in the signed list yet');
  await store.delete(pendingLinkKey);
}
