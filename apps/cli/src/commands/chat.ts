import type { Command } from 'commander';
import { type Environment, globals, output, resolveConversation, withSession } from '../session.ts';
import { terminal } from '../terminal-text.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerChatCommands(program: Command, env: Environment): void {
  const chat = program.command('chat').description('conversations: new, add, remove, admin, list');

  chat
    .command('new <name>')
    .description('start a conversation (a one-to-one chat is one with a single --with)')
    .option('--with <username>', 'a member to add (repeatable)', collect, [])
    .action(async (name: string, options: { with: string[] }, command: Command) => {
      const opts = globals(command);
      await withSession(env, opts, async (parley) => {
        const conversation = await parley.createConversation(name, options.with);
        output(opts)({ id: conversation.id, name }, terminal`${conversation.id}`);
      });
    });

  chat
    .command('add <conversation> <usernames...>')
    .description('add every device of each account to the conversation')
    .action(async (conversation: string, usernames: string[], _options: unknown, command: Command) => {
      const opts = globals(command);
      await withSession(env, opts, async (parley) => {
        const id = await resolveConversation(parley, conversation);
        const devices = await parley.addMembers(id, usernames);
        output(opts)(
          { id, added: usernames, devices },
          terminal`Added ${usernames.join(', ')} (${devices} devices).`,
        );
      });
    });

  chat
    .command('remove <conversation> <username>')
    .description("remove every device of the account from the conversation (another person's: admins only)")
    .action(async (conversation: string, username: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      await withSession(env, opts, async (parley) => {
        const id = await resolveConversation(parley, conversation);
        await parley.removeMember(id, username);
        output(opts)({ id, removed: username }, terminal`Removed ${username}.`);
      });
    });

  chat
    .command('admin <conversation> <username>')
    .description('name a member an admin, who may then remove others and name admins (admins only)')
    .action(async (conversation: string, username: string, _options: unknown, command: Command) => {
      const opts = globals(command);
      await withSession(env, opts, async (parley) => {
        const id = await resolveConversation(parley, conversation);
        await parley.makeAdmin(id, username);
        const admins = await parley.admins(id);
        output(opts)({ id, admins }, terminal`Admins: ${admins.join(', ')}.`);
      });
    });

  chat
    .command('list')
    .description('your conversations and their members')
    .action(async (_options: unknown, command: Command) => {
      const opts = globals(command);
      const print = output(opts);
      await withSession(env, opts, async (parley) => {
        for (const c of await parley.conversations()) {
          const active = c.status === 'active';
          const members = active ? await parley.members(c.id) : [];
          const admins = active ? await parley.admins(c.id) : [];
          const usernames = [...new Set(members.map((m) => m.username))];
          const shown = usernames.map((u) => (admins.includes(u) ? `${u} (admin)` : u)).join(', ');
          print(
            { id: c.id, name: c.name, status: c.status, members: usernames, admins },
            terminal`${c.id}  ${c.name ?? '(unnamed)'}  ${active ? shown : c.status}`,
          );
        }
      });
    });
}
