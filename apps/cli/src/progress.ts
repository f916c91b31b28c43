/**
 * A one-line progress display for long work, on standard error and only when it is a terminal (never in a
 * pipe, a log file or `--json` output). Redrawn at most ten times a second; `done` clears the line.
 */
export function terminalProgress(
  label: string,
  enabled: boolean,
  stream: Pick<NodeJS.WriteStream, 'isTTY' | 'write'> = process.stderr,
) {
  const on = enabled && stream.isTTY === true;
  let drawn = 0;
  return {
    update(done: number, total: number): void {
      if (!on || (Date.now() - drawn < 100 && done < total)) return;
      drawn = Date.now();
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      const width = 24;
      const filled = Math.round((percent / 100) * width);
      const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
      stream.write(
        `\r${label} [${bar}] ${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${percent}%)`,
      );
    },
    done(): void {
      if (on && drawn > 0) stream.write('\r\x1b[2K');
    },
  };
}
