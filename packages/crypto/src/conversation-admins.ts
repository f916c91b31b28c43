import { type ContextExtension, isUsername } from './mls-identity.js';
import { CONVERSATION_ADMINS_EXTENSION } from './mls-library.js';

/** At most this many admins per conversation (a conversation holds at most a few hundred devices). */
const maxAdmins = 64;

/**
 * The conversation-admins context extension: the usernames that may remove other accounts' devices and
 * name admins, as UTF-8 joined by commas, sorted and without repeats so that every member encodes a list
 * the same way.
 */
export function adminsExtension(usernames: Iterable<string>): ContextExtension {
  const list = [...new Set(usernames)].sort();
  if (list.length === 0 || list.length > maxAdmins || !list.every(isUsername))
    throw new RangeError('a conversation has between 1 and 64 admins, each a username');
  return { type: CONVERSATION_ADMINS_EXTENSION, data: new TextEncoder().encode(list.join(',')) };
}

/** Reads the extension's value; undefined when it is not exactly what `adminsExtension` writes. */
export function decodeAdmins(data: Uint8Array): string[] | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return undefined;
  }
  const list = text.split(',');
  const canonical = [...new Set(list)].sort();
  if (list.length > maxAdmins || !list.every(isUsername) || canonical.join(',') !== text) return undefined;
  return list;
}
