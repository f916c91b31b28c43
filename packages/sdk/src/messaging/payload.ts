/**
 * What travels inside MLS application messages. Versioned JSON so clients can add kinds; the conversation's
 * name rides inside (`meta`) so the server never learns it.
 */
export type AppPayload =
  | Readonly<{ v: 1; t: 'text'; body: string; sentAt: string }>
  | Readonly<{ v: 1; t: 'meta'; name: string }>;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function encodePayload(payload: AppPayload): Uint8Array {
  return encoder.encode(JSON.stringify(payload));
}

/** Undefined for anything this client does not understand (a newer kind, or garbage): it is skipped. */
export function decodePayload(bytes: Uint8Array): AppPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Reflect.get(value, 'v') !== 1) return undefined;
  const t: unknown = Reflect.get(value, 't');
  if (t === 'text') {
    const body: unknown = Reflect.get(value, 'body');
    const sentAt: unknown = Reflect.get(value, 'sentAt');
    if (typeof body === 'string' && typeof sentAt === 'string') return { v: 1, t, body, sentAt };
  }
  if (t === 'meta') {
    const name: unknown = Reflect.get(value, 'name');
    if (typeof name === 'string') return { v: 1, t, name };
  }
  return undefined;
}
