/** An MLS group as the delivery service sees it: its epoch and the last sequence number used. */
export type GroupsTable = {
  id: string;
  epoch: number;
  last_seq: number;
  created_on: string;
};
