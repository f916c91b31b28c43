import { describeKtState, LinkPendingError, ParleyClient } from '@parley/sdk/node';
import type { Command } from 'commander';
import { askLine } from '../prompt.ts';
import { client, type Environment, globals, openProfile, output, withSession } from '../session.ts';
import { terminal } from '../terminal-text.ts';

export function registerAccountCommands(program: Command, env: Environment): void {
  program
    .command('register <username>')
    .description('create an account and this device (a new profile)')
    .option('--jurisdiction <code>', 'where you live, ISO 3166 (optional; the only location Parley holds)')
    .action(async (username: string, options: { jurisdiction?: string }, command: Command) => {
      const opts = globals(command);
      const parley = await client(env, opts);
      await parley.register(username, options.jurisdiction ? { jurisdiction: options.jurisdiction } : {});
      await parley.close();
      output(opts)(
        { username, deviceId: parley.deviceId },
        terminal`Registered ${username}; this device is ${parley.deviceId}.`,
      );
    });

  const devices = program
    .command('devices')
    .description('list the devices in your signed device list')
    .action(async (_options: unknown, command: Command) => {
      const opts = globals(command);
      const print = output(opts);
      await withSession(env, opts, async (parley) => {
        for (const d of await parley.devices()) {
          const self = d.deviceId === parley.deviceId;
          print(
            { ...d, thisDevice: self },
            terminal`${d.deviceId}  added ${d.addedAt}${self ? '  (this device)' : ''}`,
          );
        }
      });
    });

  devices
    .command('approve <code>')
    .description('add the device that printed this link code to your account (needs the account key)')
    .action(async (code: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      await withSession(env, opts, async (parley) => {
        const added = await parley.approveDevice(code);
        output(opts)(
          { ...added },
          terminal`Approved device ${added.deviceId} for ${added.username}.\nOn the new device, enter this account code:\n  ${added.accountCode}`,
        );
      });
    });

  devices
    .command('remove <device>')
    .description(
      'remove a lost, stolen or retired device from your account and from every conversation (needs the account key)',
    )
    .action(async (device: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      await withSession(env, opts, async (parley) => {
        await parley.removeDevice(device);
        output(opts)(
          { removed: device },
          terminal`Removed device ${device}: it is out of your signed list and out of your conversations.`,
        );
      });
    });

  program
    .command('link <username>')
    .description('make this (new) profile a device of an existing account; prints a code to approve')
    .option('--wait <seconds>', 'how long to wait for the approval', (v) => Number.parseInt(v, 10), 300)
    .option('--account-code <digits>', 'the account code the approving device printed (asked for otherwise)')
    .action(async (username: string, options: { wait: number; accountCode?: string }, command: Command) => {
      const opts = globals(command);
      const { parley, store } = await openProfile(env, opts);
      // Run again on a profile still waiting for approval, it resumes with the same device and code.
      const pending = await ParleyClient.pendingLink(store);
      if (pending && pending.username !== username)
        throw new Error(`this profile is being linked to ${pending.username}; use a new profile`);
      if (pending) await parley.open();
      const code = pending?.code ?? (await parley.createLinkRequest(username));
      output(opts)(
        { code },
        terminal`On a device that holds the account key run:\n  parley devices approve ${code}`,
      );
      const accountCode =
        options.accountCode ?? (await askLine('Account code printed by the approving device: '));
      const deadline = Date.now() + options.wait * 1000;
      for (;;) {
        try {
          await parley.completeLink(accountCode);
          break;
        } catch (error) {
          // Only "not approved yet" is worth waiting for; a code that does not match is an attack.
          if (!(error instanceof LinkPendingError) || Date.now() > deadline) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
      await parley.close();
      output(opts)(
        { linked: true, deviceId: parley.deviceId },
        terminal`Linked: this device is ${parley.deviceId}.`,
      );
    });

  program
    .command('safety-number <username>')
    .description('the number to compare with <username> in person to rule out a substituted key')
    .option('--mark-verified', 'remember that you compared it and it matched')
    .action(async (username: string, options: { markVerified?: boolean }, command: Command) => {
      const opts = globals(command);
      await withSession(env, opts, async (parley) => {
        const number = await parley.safetyNumber(username);
        if (options.markVerified) await parley.markVerified(username);
        const verifiedOn = await parley.verifiedOn(username);
        // Checked now rather than read back, so the line shows the directory's newest epoch.
        const transparency = await parley.checkKeyTransparency(username);
        const kt = describeKtState(username, transparency);
        output(opts)(
          {
            username,
            safetyNumber: number,
            verifiedOn: verifiedOn ?? null,
            keyTransparency: transparency ?? null,
          },
          verifiedOn
            ? terminal`${number}\n${kt}\nverified on ${verifiedOn}`
            : terminal`${number}\n${kt}\nnot verified`,
        );
      });
    });
}
