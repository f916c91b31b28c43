import type { Command } from 'commander';
import { type DemoWorld, seedDemo } from '../demo/demo-seed.ts';
import { govToken } from '../gov/gov-session.ts';
import { terminalProgress } from '../progress.ts';
import { globals, type Output, output } from '../session.ts';
import { terminal } from '../terminal-text.ts';

const WARNING = 'THIS IS DEMO DATA for trying Parley. Never run `parley demo` against a production server.';

/** Prints the world: one JSON object per item with --json, otherwise a readable summary. */
function printWorld(print: Output, server: string, world: DemoWorld): void {
  print(
    { type: 'warning', text: WARNING },
    terminal`Seeded the Parley demo world on ${server}.\n${WARNING}\n`,
  );
  print({ type: 'heading' }, terminal`Jurisdiction policies (history recorded now, about the past):`);
  for (const p of world.policies)
    print({ type: 'policy', ...p }, terminal`  ${p.jurisdiction}  ${p.status.padEnd(14)} since ${p.since}`);
  print(
    { type: 'heading' },
    terminal`\nStaff: printf "%s\\n" PASSWORD | parley staff login USERNAME --code CODE (CODE from the TOTP secret, in any authenticator app):`,
  );
  for (const s of world.staff)
    print(
      { type: 'staff', ...s },
      terminal`  ${s.username.padEnd(7)} ${s.roles.join(',').padEnd(18)} password ${s.password}  TOTP secret ${s.totpSecret}`,
    );
  print(
    { type: 'heading' },
    terminal`\nOfficers: printf "%s\\n" PASSWORD | parley officer login EMAIL --code CODE:`,
  );
  for (const o of world.officers)
    print(
      { type: 'officer', ...o },
      terminal`  ${o.email.padEnd(30)} ${o.agency.padEnd(32)} password ${o.password}  TOTP secret ${o.totpSecret}`,
    );
  for (const a of world.agencies.filter((x) => !x.approved))
    print(
      { type: 'agency', ...a },
      terminal`  (${a.name}, ${a.jurisdiction}: registered, waiting for approval)`,
    );
  print(
    { type: 'members', members: world.members },
    terminal`\nMembers: ${world.members.map((m) => `${m.username} (${m.jurisdiction ?? 'no jurisdiction declared'})`).join(', ')}`,
  );
  print({ type: 'heading' }, terminal`\nRequests:`);
  for (const r of world.requests)
    print({ type: 'request', ...r }, terminal`  ${r.reference}  ${r.state.padEnd(16)} ${r.label}`);
  print(
    { type: 'report', ...world.report },
    terminal`\nTransparency report ${world.report.period} (interim) published at log entry ${world.report.index}: parley report --period ${world.report.period}`,
  );
  print(
    { type: 'next' },
    terminal`\nTry: parley staff queue · parley staff show REF · parley staff policy list · parley officer status · parley verify --claim "paused HK since 2020-07-06"`,
  );
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('seed a running server with a demo world through its API (never against production)')
    .option('--force', 'seed even though the server has staff besides you (never on a production server)')
    .action(async (options: { force?: boolean }, command: Command) => {
      const opts = globals(command);
      const adminToken = await govToken(opts.profile, 'staff', opts.server).catch(() => {
        throw new Error(
          `sign in to ${opts.server} as a policy admin first: \`parley admin init\` (before the server starts), then \`parley staff login\``,
        );
      });
      const progress = terminalProgress('seeding the demo world', !opts.json);
      const world = await seedDemo({
        server: opts.server,
        adminToken,
        force: options.force === true,
        onProgress: (done, total) => progress.update(done, total),
      }).finally(() => progress.done());
      printWorld(output(opts), opts.server, world);
    });
}
