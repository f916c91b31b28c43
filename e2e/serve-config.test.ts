import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
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
