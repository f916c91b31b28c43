import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';

/** One line from standard input (after a prompt on standard error when it is a terminal). */
export async function askLine(prompt: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: process.stdin.isTTY });
  try {
    const answer = process.stdin.isTTY
      ? await rl.question(prompt)
      : await new Promise<string>((resolve, reject) => {
          rl.once('line', resolve);
          rl.once('close', () => reject(new Error('standard input ended before a line was read')));
        });
    return answer.trim();
  } finally {
    rl.close();
  }
}

/**
 * A password or passphrase: on a terminal the prompt is shown and what is typed is not echoed (nor left in
 * the terminal's scrollback); from a pipe, one line. Never from argv, which `ps` shows to everyone.
 */
export async function askSecret(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) return askLine('');
  let muted = false;
  const screen = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stderr.write(chunk, encoding);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output: screen, terminal: true });
  try {
    process.stderr.write(prompt);
    muted = true;
    return (await rl.question('')).trim();
  } finally {
    rl.close();
    process.stderr.write('\n');
  }
}
