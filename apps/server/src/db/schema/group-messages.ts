import type { MessageKind } from '@parley/protocol';

/**
 * One stored MLS message (ciphertext only) per group message, deleted once every recipient has it or when it
 * expires. No column records which member sent it.
 */
export type GroupMessagesTable = {
  group_id: string;
  seq: number;
  kind: MessageKind;
  epoch: number;
  payload: Uint8Array;
  /** Devices a welcome is addressed to; null means every member. */
  audience: string[] | null;
  /** Random id chosen by the sending client so that a retried send is stored once. */
  client_id: string | null;
  /** Rounded up to the hour. */
  expires_at: Date;
};
