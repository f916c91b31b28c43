import { readFile, stat } from 'node:fs/promises';

/** The encodings the build writes beside a file (`apps/web/scripts/precompress.ts`), best first. */
const variants = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

export type StaticBody = Readonly<{
  body: Uint8Array<ArrayBuffer>;
  /** The Content-Encoding of `body`, absent when it is the file itself. */
  encoding?: string;
  /** A compressed copy exists, so the answer depends on Accept-Encoding and caches must know it. */
  varies: boolean;
}>;

/**
 * The codings an Accept-Encoding header admits (RFC 9110 §12.5.3): each listed name whose q is not 0, and
 * every coding when `*` is admitted. Names are case-insensitive.
 */
export function acceptedEncodings(header: string | undefined): ReadonlySet<string> {
  const accepted = new Set<string>();
  for (const item of (header ?? '').split(',')) {
    const [name = '', ...params] = item.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((p) => p.startsWith('q='));
    if (name === '' || (q !== undefined && Number(q.slice(2)) === 0)) continue;
    if (name === '*') for (const v of variants) accepted.add(v.encoding);
    else accepted.add(name);
  }
  return accepted;
}

/** Reads the file at `path`, or the best precompressed copy of it that the client accepts. */
export async function readPrecompressed(
  path: string,
  acceptEncoding: string | undefined,
): Promise<StaticBody> {
  const accepted = acceptedEncodings(acceptEncoding);
  let varies = false;
  for (const { encoding, suffix } of variants) {
    const info = await stat(`${path}${suffix}`).catch(() => undefined);
    if (!info?.isFile()) continue;
    varies = true;
    if (accepted.has(encoding))
      return { body: new Uint8Array(await readFile(`${path}${suffix}`)), encoding, varies };
  }
  return { body: new Uint8Array(await readFile(path)), varies };
}
