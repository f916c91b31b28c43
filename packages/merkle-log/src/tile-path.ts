import { FormatError } from './errors.ts';
import { isIndex } from './tree-math.ts';

/** Tiles are 8 tree levels tall, so a full tile holds 256 hashes (c2sp.org/tlog-tiles). */
export const TILE_HEIGHT = 8;
/** Hashes (or entries) in a full tile (or entry bundle). */
export const TILE_WIDTH = 256;

/** A hash tile: `level` counts tile levels (tree height / 8); width is 256 for a full tile, 1..255 partial. */
export type TileId = Readonly<{ level: number; index: number; width: number }>;

function checkTile(level: number, index: number, width: number): void {
  if (!Number.isInteger(level) || level < 0 || level > 63)
    throw new FormatError(`tile level ${level} out of range`);
  if (!isIndex(index)) throw new FormatError(`tile index ${index} out of range`);
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH)
    throw new FormatError(`tile width ${width}`);
}

/** Encodes N as 3-digit path elements, all but the last prefixed with x: 1234067 -> x001/x234/067. */
export function encodeTileIndex(index: number): string {
  if (!isIndex(index)) throw new FormatError(`tile index ${index} out of range`);
  const groups: string[] = [];
  let n = index;
  do {
    groups.unshift(String(n % 1000).padStart(3, '0'));
    n = Math.floor(n / 1000);
  } while (n > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** Parses the x-prefixed 3-digit encoding strictly (no redundant leading x000 groups). */
export function decodeTileIndex(text: string): number {
  const groups = text.split('/');
  let n = 0;
  groups.forEach((g, i) => {
    const last = i === groups.length - 1;
    const m = /^(x?)([0-9]{3})$/.exec(g);
    if (m === null || (m[1] === 'x') === last) throw new FormatError(`bad tile index element ${g}`);
    n = n * 1000 + Number(m[2]);
  });
  if (groups.length > 1 && groups[0] === 'x000') throw new FormatError('tile index has a leading zero group');
  if (!isIndex(n)) throw new FormatError('tile index too large');
  return n;
}

const suffix = (width: number): string => (width === TILE_WIDTH ? '' : `.p/${width}`);

/** `tile/<L>/<N>[.p/<W>]`, relative to the log prefix. */
export function tilePath(tile: TileId): string {
  checkTile(tile.level, tile.index, tile.width);
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${suffix(tile.width)}`;
}

/** `tile/entries/<N>[.p/<W>]`: the bundle of entries whose leaf hashes are level-0 tile N. */
export function entryBundlePath(index: number, width: number): string {
  checkTile(0, index, width);
  return `tile/entries/${encodeTileIndex(index)}${suffix(width)}`;
}

/** A parsed tile or entry-bundle path. */
export type TilePath =
  | Readonly<{ kind: 'tile'; tile: TileId }>
  | Readonly<{ kind: 'entries'; index: number; width: number }>;

/** Parses a tile or entry-bundle path strictly, so a server never serves one resource under two names. */
export function parseTilePath(path: string): TilePath {
  const m = /^tile\/(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(
    path,
  );
  if (m === null) throw new FormatError(`not a tile path: ${path}`);
  const index = decodeTileIndex(m[2] ?? '');
  const width = m[3] === undefined ? TILE_WIDTH : Number(m[3]);
  if (m[3] !== undefined && width >= TILE_WIDTH) throw new FormatError('partial tile width must be 1..255');
  if (m[1] === 'entries') return { kind: 'entries', index, width };
  const level = Number(m[1]);
  checkTile(level, index, width);
  return { kind: 'tile', tile: { level, index, width } };
}
