/** An MLS group as the delivery service sees it: its epoch and the last sequence number used. */
export type GroupsTable = {
  id: string;
  epoch: number;
  last_seq: number;
  created_on: string;
  /** Usernames of the conversation's admins, as its commits set them. */
  admins: string[];
  /** The latest epoch's MLS GroupInfo (public tree and context), for members that must rejoin. */
  group_info: Uint8Array | null;
};

/** Which device holds each leaf of a group's MLS tree; null: a deleted device whose removal is pending. */
export type GroupLeavesTable = {
  group_id: string;
  leaf_index: number;
  device_id: string | null;
};
