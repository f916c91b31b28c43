import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing; images and fonts in the build are compressed already. */
const compressible = new Set([
  '.html',
  '.js',
  '.mjs',
  '.css',
  '.json',
  '.webmanifest',
  '.svg',
  '.txt',
  '.wasm',
]);
/** Below this a compressed copy saves less than its headers cost. */
const minimumBytes = 1024;

/**
 * Writes `file.br` (quality 11) and `file.gz` (level 9) beside every compressible file of the build, once at
 * build time, so the server sends the smaller copy with no compression work per request.
 */
export async function precompress(dir: string): Promise<number> {
  let written = 0;
  for (const entry of await readdir(dir, { recursive: true })) {
    const path = join(dir, entry);
    if (!compressible.has(extname(path)) || !(await stat(path)).isFile()) continue;
    const plain = await readFile(path);
    if (plain.length < minimumBytes) continue;
    const variants: [string, Buffer][] = [
      [
        '.br',
        await brotli(plain, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: plain.length,
          },
        }),
      ],
      ['.gz', await gzipAsync(plain, { level: constants.Z_BEST_COMPRESSION })],
    ];
    for (const [suffix, packed] of variants) {
      if (packed.length >= plain.length) continue;
      await writeFile(`${path}${suffix}`, packed);
      written++;
    }
  }
  return written;
}

/** The Vite plugin that runs `precompress` over the output directory after every production build. */
export function precompressPlugin(): Plugin {
  let outDir = '';
  return {
    name: 'parley-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async closeBundle() {
      await precompress(outDir);
    },
  };
}
