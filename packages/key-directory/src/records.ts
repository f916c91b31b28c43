import { concatBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import { KeyDirectoryError } from './errors.ts';
import { checkHash, HASH_SIZE, u64 } from './hashing.ts';

const EPOCH_TAG = utf8ToBytes('parley/key-directory/v1/epoch\u0000');
const EVENT_TAG = utf8ToBytes('parley/key-directory/v1/event\u0000');

/**
 * One leaf of the epoch log: the directory's root after epoch `epoch`, the root it replaced, and the
 * RFC 9162 root of that epoch's key events. Epoch e is leaf e of the log, so the log's size is the
 * number of epochs published.
 */
export type EpochRecord = Readonly<{
  epoch: number;
  root: Uint8Array;
  previousRoot: Uint8Array;
  eventsRoot: Uint8Array;
  eventCount: number;
}>;

/** One logged change: `label` took `version`, committed to by `commitment`. */
export type KeyEvent = Readonly<{ label: Uint8Array; version: number; commitment: Uint8Array }>;

/** The account key and the signed device list (as the protocol encodes it) a username maps to. */
export type DirectoryValue = Readonly<{ accountKey: Uint8Array; deviceList: Uint8Array }>;

const EPOCH_RECORD_SIZE = EPOCH_TAG.length + 8 + 3 * HASH_SIZE + 8;

/** The bytes appended to the epoch log for a record. */
export function encodeEpochRecord(record: EpochRecord): Uint8Array {
  checkHash(record.root, 'root');
  checkHash(record.previousRoot, 'previous root');
  checkHash(record.eventsRoot, 'events root');
  return concatBytes(
    EPOCH_TAG,
    u64(record.epoch),
    record.root,
    record.previousRoot,
    record.eventsRoot,
    u64(record.eventCount),
  );
}

function readU64(bytes: Uint8Array, at: number): number {
  const n = new DataView(bytes.buffer, bytes.byteOffset + at, 8).getBigUint64(0);
  if (n > BigInt(Number.MAX_SAFE_INTEGER))
    throw new KeyDirectoryError('malformed', 'number exceeds 2^53 - 1');
  return Number(n);
}

/** Parses an epoch-log leaf; exact length and tag, so one record has one encoding. */
export function decodeEpochRecord(bytes: Uint8Array): EpochRecord {
  if (bytes.length !== EPOCH_RECORD_SIZE)
    throw new KeyDirectoryError('malformed', 'epoch record has the wrong size');
  for (let i = 0; i < EPOCH_TAG.length; i++) {
    if (bytes[i] !== EPOCH_TAG[i]) throw new KeyDirectoryError('malformed', 'not an epoch record');
  }
  const start = EPOCH_TAG.length + 8;
  const hash = (i: number) => bytes.slice(start + i * HASH_SIZE, start + (i + 1) * HASH_SIZE);
  return {
    epoch: readU64(bytes, EPOCH_TAG.length),
    root: hash(0),
    previousRoot: hash(1),
    eventsRoot: hash(2),
    eventCount: readU64(bytes, start + 3 * HASH_SIZE),
  };
}

/** The bytes of a key event as a leaf of its epoch's events tree. */
export function encodeKeyEvent(event: KeyEvent): Uint8Array {
  checkHash(event.label, 'event label');
  checkHash(event.commitment, 'event commitment');
  return concatBytes(EVENT_TAG, event.label, u64(event.version), event.commitment);
}

/** The committed bytes of a value: the key's length first, so the two fields cannot be re-split. */
export function encodeValue(value: DirectoryValue): Uint8Array {
  if (value.accountKey.length > 0xffff) throw new KeyDirectoryError('malformed', 'account key is too long');
  const length = Uint8Array.of(value.accountKey.length >> 8, value.accountKey.length & 0xff);
  return concatBytes(length, value.accountKey, value.deviceList);
}
