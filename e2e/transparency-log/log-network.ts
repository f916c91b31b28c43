import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { formatVerifierKey, generateEd25519Keys, parseVerifierKey, SignatureType } from '@parley/merkle-log';
import { createServer, ManualClock, type ParleyServer, type ServerConfig } from '@parley/server';
import { sql } from 'kysely';
import pg from 'pg';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../apps/cli/bin/parley.mjs', import.meta.url));

/** A log server with a manual clock and explicit sequencing, on PGlite or (when set) PostgreSQL. */
export async function startLogServer(
  options: Partial<ServerConfig> = {},
  start?: string,
): Promise<ParleyServer & { clock: ManualClock }> {
  const url = process.env.PARLEY_TEST_DATABASE_URL;
  const schema = url ? `t_${randomBytes(6).toString('hex')}` : undefined;
  const clock = new ManualClock(start);
  const server = await createServer({
    port: 0,
    host: '127.0.0.1',
    clock,
    logSequenceIntervalMs: 0,
    logBatchSize: 400,
    logOrigin: 'e2e.parley.example/log',
    ...(url && schema ? { databaseUrl: url, databaseSchema: schema } : {}),
    ...options,
  });
  const close = async () => {
    await server.close();
    if (!url || !schema) return;
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`drop schema if exists ${schema} cascade`);
    await client.end();
  };
  return { ...server, clock, close, [Symbol.asyncDispose]: close };
}

/**
 * Runs a statement as a database superuser would to rewrite history: the append-only triggers are switched
 * off for it and back on after. Only tests do this; `verify` must notice.
 */
export async function tamper(server: ParleyServer, table: string, ...statements: string[]): Promise<void> {
  const db = server.context.db;
  await sql`alter table ${sql.table(table)} disable trigger user`.execute(db);
  try {
    for (const statement of statements) await sql.raw(statement).execute(db);
  } finally {
    await sql`alter table ${sql.table(table)} enable trigger user`.execute(db);
  }
}

/** Runs `check` while the stored report JSON says `to` where it said `from`, then puts the bytes back. */
export async function withReportJsonEdited(
  server: ParleyServer,
  from: string,
  to: string,
  check: () => Promise<void>,
): Promise<void> {
  const edit = (a: string, b: string) =>
    `update transparency_reports set json = replace(json, '${a}', '${b}')`;
  await tamper(server, 'transparency_reports', edit(from, to));
  try {
    await check();
  } finally {
    await tamper(server, 'transparency_reports', edit(to, from));
  }
}

/** Runs `parley verify …`; resolves with the exit code and the output either way. */
export async function verifyCli(server: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [cli, '--server', server, 'verify', ...args], {
      timeout: 120_000,
    });
    return { code: 0, out: stdout.trim() };
  } catch (error) {
    const field = (name: string) =>
      typeof error === 'object' && error !== null ? Reflect.get(error, name) : undefined;
    const code = field('code');
    return {
      code: typeof code === 'number' ? code : -1,
      out: `${field('stdout') ?? ''}${field('stderr') ?? ''}`.trim(),
    };
  }
}

/** Writes a new witness signing key for `parley witness --key-file`; returns its cosignature/v1 vkey. */
export async function writeWitnessKey(file: string, name: string): Promise<string> {
  const keys = generateEd25519Keys(name);
  await writeFile(file, `${keys.skey}\n`, { mode: 0o600 });
  return formatVerifierKey(name, SignatureType.cosignatureV1, parseVerifierKey(keys.vkey).publicKey);
}

/**
 * Starts `parley witness` as a child process for one log or several; resolves with its URL, its vkey and a
 * stop function.
 */
export async function startWitnessCli(
  keyFile: string,
  state: string,
  logKey: string | readonly string[],
  port = 0,
) {
  const logKeys = (typeof logKey === 'string' ? [logKey] : logKey).flatMap((k) => ['--log-key', k]);
  const child = spawn(
    process.execPath,
    [cli, 'witness', '--port', String(port), '--key-file', keyFile, '--state', state, ...logKeys],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`witness exited with ${code}`)));
  });
  const info: unknown = JSON.parse(first);
  const url = String(Reflect.get(Object(info), 'url'));
  const vkey = String(Reflect.get(Object(info), 'vkey'));
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { url: url.replace('0.0.0.0', '127.0.0.1'), vkey, stop };
}
