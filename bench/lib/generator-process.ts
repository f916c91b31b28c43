import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild } from './child.ts';
import { GeneratorResult } from './result-schema.ts';

const script = fileURLToPath(new URL('../load-generator.ts', import.meta.url));

export type GeneratorRun = Readonly<{ pid: number; result: Promise<GeneratorResult> }>;

/**
 * Runs the load generator as a child process. At each mark it calls `onMark` (the runner samples CPU there)
 * and then lets the generator go on. The run is killed after `timeoutMs` whatever happens.
 */
export function runGenerator(
  args: readonly string[],
  onMark: (name: string, pid: number) => Promise<void>,
  timeoutMs = 10 * 60_000,
): GeneratorRun {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const pid = child.pid ?? 0;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-4000);
  });
  const result = new Promise<GeneratorResult>((resolve, reject) => {
    let found: GeneratorResult | undefined;
    const timer = setTimeout(() => {
      void stopChild(child, 2000);
      reject(new Error(`load generator timed out: ${stderr}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return;
      }
      if (typeof json !== 'object' || json === null || !('event' in json)) return;
      if (json.event === 'mark' && 'name' in json && typeof json.name === 'string') {
        const write = () => child.stdin.write('\n');
        onMark(json.name, pid).then(write, write);
      } else if (json.event === 'result') {
        // A malformed result fails this run (the runner records it and goes on), never the whole runner.
        const parsed = GeneratorResult.safeParse(json);
        if (parsed.success) found = parsed.data;
        else stderr += `\nresult line does not match its schema: ${parsed.error.message.slice(0, 1000)}`;
      }
    });
    // 'close', not 'exit': the result line may still be in the pipe when the process exits.
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && found) resolve(found);
      else reject(new Error(`load generator exited with ${code}: ${stderr}`));
    });
  });
  return { pid, result };
}
