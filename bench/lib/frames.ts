/**
 * The server frames the generator reacts to, read by hand rather than with the protocol's zod schemas: the
 * generator shares two cores with the server, so its per-frame cost must stay small. Anything unexpected
 * becomes `other` and is counted, never trusted.
 */
export type InboundFrame =
  | Readonly<{ type: 'message'; groupId: string; seq: number; kind: string; payload: string }>
  | Readonly<{ type: 'sent'; id: string; seq: number }>
  | Readonly<{ type: 'synced' }>
  | Readonly<{ type: 'error'; id: string | undefined; code: string }>
  | Readonly<{ type: 'other' }>;

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : -1);

export function readFrame(data: string): InboundFrame {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { type: 'other' };
  }
  if (!isRecord(json)) return { type: 'other' };
  switch (json.type) {
    case 'message': {
      const m = json.message;
      if (!isRecord(m)) return { type: 'other' };
      return {
        type: 'message',
        groupId: text(m.groupId),
        seq: num(m.seq),
        kind: text(m.kind),
        payload: text(m.payload),
      };
    }
    case 'sent':
      return { type: 'sent', id: text(json.id), seq: num(json.seq) };
    case 'synced':
      return { type: 'synced' };
    case 'error':
      return { type: 'error', id: typeof json.id === 'string' ? json.id : undefined, code: text(json.code) };
    default:
      return { type: 'other' };
  }
}
