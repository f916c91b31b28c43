/**
 * Routing state of one device in one group. A device receives the messages with
 * `from_seq < seq <= until_seq` (until_seq null while it is a member) addressed to it.
 */
export type GroupMembersTable = {
  group_id: string;
  device_id: string;
  from_seq: number;
  until_seq: number | null;
  /** The device has processed every message up to here (cumulative acknowledgement). */
  cursor: number;
};
