/**
 * Full (256-hash) tlog-tiles. Partial tiles are never stored: they are prefixes of a full tile still being
 * filled, served from log_entries (level 0) or from the `root` of the tiles below. Append-only.
 */
export type LogTilesTable = {
  level: number;
  idx: number;
  /** 256 hashes of 32 bytes. */
  data: Uint8Array;
  /** MTH of the 256 hashes: hash `idx` of tile level `level + 1`. */
  root: Uint8Array;
};
