import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../apps/cli/bin/parley.mjs', import.meta.url));

describe('parley serve with a bad setting', () => {
  it.each([
    ['PORT', 'abc', 'a whole number from 0 to 65535'],
    ['PARLEY_MESSAGE_TTL_DAYS', 'abc', 'a whole number from 1 to 3650'],
    ['HOST', 'not a host!', 'an IP address or host name'],
    ['PARLEY_TRUST_PROXY', '10.0.0.0/99', 'a number of proxy hops'],
    ['PARLEY_LOG_LEVEL', 'chatty', 'one of trace, debug, info'],
    ['PARLEY_ACCESS_LOG', 'yes', 'on or off'],
  ])('stops at once with %s=%s named, exit 1', async (name, value, wants) => {
    const data = await mkdtemp(join(tmpdir(), 'parley-config-'));
    const started = Date.now();
    const failure = await run(process.execPath, [cli, 'serve'], {
      env: { ...process.env, PARLEY_DATA: data, [name]: value },
      timeout: 30_000,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${name}="${value}" is not valid`),
    });
    expect(String(Reflect.get(Object(failure), 'stderr'))).toContain(wants);
    // It did not start a server that hangs: it ended well before the timeout.
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('parley serve on data whose log has another origin', () => {
  it('refuses to start, naming both origins, instead of signing with a second key', async () => {
    const data = await mkdtemp(join(tmpdir(), 'parley-origin-'));
    const first = spawn(
      process.execPath,
      [cli, 'serve', '--port', '0', '--log-origin', 'chat.example.org/log'],
      {
        env: { ...process.env, PARLEY_DATA: data },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let said = '';
    while (!said.includes('Parley is serving')) said += String((await once(first.stderr, 'data'))[0]);
    first.kill('SIGTERM');
    await once(first, 'exit');

    const started = Date.now();
    const failure = await run(process.execPath, [cli, 'serve', '--port', '0'], {
      env: { ...process.env, PARLEY_DATA: data },
      timeout: 30_000,
    }).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 1 });
    const stderr = String(Reflect.get(Object(failure), 'stderr'));
    expect(stderr).toContain('the log origin is "parley.example/log"');
    expect(stderr).toContain('signed as "chat.example.org/log"');
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

describe('parley serve with a config file (PARLEY_CONFIG)', () => {
  const serveWith = async (config: unknown, env: Record<string, string> = {}) => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-config-file-'));
    const file = join(dir, 'parley.json');
    await writeFile(file, JSON.stringify(config));
    const failure = await run(process.execPath, [cli, 'serve'], {
      env: { ...process.env, PARLEY_DATA: join(dir, 'data'), PARLEY_CONFIG: file, ...env },
      timeout: 30_000,
    }).catch((error: unknown) => error);
    return {
      file,
      stderr: String(Reflect.get(Object(failure), 'stderr')),
      code: Reflect.get(Object(failure), 'code'),
    };
  };

  it('names a bad setting and the file it came from', async () => {
    const { file, stderr, code } = await serveWith({ PORT: 'abc' });
    expect(code).toBe(1);
    expect(stderr).toContain(`PORT="abc" (in ${file}) is not valid: a whole number from 0 to 65535`);
  });

  it('refuses a key it does not know, so a typo cannot leave a setting at its default', async () => {
    const { stderr, code } = await serveWith({ PARLEY_LOG_ORGIN: 'chat.example.org/log' });
    expect(code).toBe(1);
    expect(stderr).toContain('unknown: PARLEY_LOG_ORGIN');
  });

  it('lets the environment win over the file', async () => {
    const { stderr, code } = await serveWith({ PORT: 8080 }, { PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT="not-a-port" is not valid');
  });
});
