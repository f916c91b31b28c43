import { toBase64url } from '@parley/protocol';

/**
 * A random 16-byte id (device or conversation), base64url. Ids that would start with `-` are drawn again, so
 * that every id can be typed as a command-line argument without being read as an option.
 */
export function randomId(): string {
  for (;;) {
    const id = toBase64url(crypto.getRandomValues(new Uint8Array(16)));
    if (!id.startsWith('-')) return id;
  }
}
