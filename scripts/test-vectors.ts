/**
 * Checks the published test vectors that travel with the repository against their recorded SHA-256 sums
 * and, with `fetch`, against their upstream sources. Run by hand (`npm run vectors -- check|fetch`); the
 * tests only read the files.
 *
 *   check          every file listed in a folder's sources.json is present, unlisted files are absent, and
 *                  each file's content (gunzipped for .gz) has the recorded sum
 *   fetch          downloads every verbatim upstream file at its recorded commit and compares its sum;
 *                  transcribed files (no upstream file of their own) are checked by sum only
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

type Upstream = Readonly<{ repo: string; commit: string; path: string }>;
type Entry = Readonly<{ file: string; sha256: string; upstream?: Upstream; transcribedFrom?: string }>;
type Manifest = Readonly<{ license: Readonly<Record<string, string>>; files: readonly Entry[] }>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const folders = [
  'packages/crypto/test/vectors',
  'packages/merkle-log/test/vectors',
  'packages/key-directory/test/vectors',
];

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The vector's content as published: stored files ending in .gz are compressed copies. */
function content(folder: string, file: string): Buffer {
  const stored = readFileSync(path.join(root, folder, file));
  return file.endsWith('.gz') ? gunzipSync(stored) : stored;
}

function manifest(folder: string): Manifest {
  return JSON.parse(readFileSync(path.join(root, folder, 'sources.json'), 'utf8'));
}

function check(folder: string): string[] {
  const m = manifest(folder);
  const listed = new Set(m.files.map((e) => e.file));
  const problems: string[] = [];
  const present = readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' });
  for (const file of present) {
    if (!statSync(path.join(root, folder, file)).isFile()) continue;
    if (['sources.json', 'SOURCES.md', 'LICENSE'].includes(path.basename(file))) continue;
    if (!listed.has(file)) problems.push(`${folder}/${file}: not listed in sources.json`);
  }
  for (const entry of m.files) {
    try {
      const sum = sha256(content(folder, entry.file));
      if (sum !== entry.sha256)
        problems.push(`${folder}/${entry.file}: sha256 ${sum}, recorded ${entry.sha256}`);
    } catch (error) {
      problems.push(`${folder}/${entry.file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return problems;
}

async function fetchUpstream(folder: string): Promise<string[]> {
  const problems: string[] = [];
  for (const entry of manifest(folder).files) {
    if (!entry.upstream) continue;
    const { repo, commit, path: file } = entry.upstream;
    const url = `https://raw.githubusercontent.com/${repo}/${commit}/${file}`;
    const response = await fetch(url);
    if (!response.ok) {
      problems.push(`${url}: HTTP ${response.status}`);
      continue;
    }
    const sum = sha256(new Uint8Array(await response.arrayBuffer()));
    if (sum !== entry.sha256)
      problems.push(`${url}: sha256 ${sum}, recorded ${entry.sha256} for ${entry.file}`);
  }
  return problems;
}

const command = process.argv[2] ?? 'check';
if (command !== 'check' && command !== 'fetch') {
  console.error('usage: test-vectors.ts check|fetch');
  process.exit(2);
}
const problems: string[] = [];
for (const folder of folders) {
  problems.push(...check(folder));
  if (command === 'fetch') problems.push(...(await fetchUpstream(folder)));
  const m = manifest(folder);
  const verbatim = m.files.filter((e) => e.upstream).length;
  console.log(`${folder}: ${m.files.length} files (${verbatim} verbatim from upstream)`);
}
for (const p of problems) console.error(p);
console.log(
  problems.length === 0 ? 'all vectors match their recorded sums' : `${problems.length} problem(s)`,
);
process.exit(problems.length === 0 ? 0 : 1);
