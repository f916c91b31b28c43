import { type ChatMessage, type ClientStore, getJson, putJson } from '@parley/sdk';
import { type Command, InvalidArgumentError } from 'commander';
import {
  type Environment,
  globals,
  type Output,
  output,
  resolveConversation,
  withSession,
} from '../session.ts';
import { terminal } from '../terminal-text.ts';

const markerKey = 'cli/read-marker';

export function registerMessageCommands(program: Command, env: Environment): void {
  program
    .command('send <conversation> <text>')
    .description('send a message (end-to-end encrypted)')
    .option(
      '--reply-to <message>',
      'answer the message with this number (#N in `parley read`), quoting it',
      seqArg,
    )
    .action(async (conversation: string, text: string, options: { replyTo?: number }, command: Command) => {
      const opts = globals(command);
      await withSession(env, opts, async (parley) => {
        const id = await resolveConversation(parley, conversation);
        const message = await parley.send(
          id,
          text,
          options.replyTo === undefined ? {} : { replyTo: options.replyTo },
        );
        output(opts)(
          { id: message.conversationId, seq: message.seq, sentAt: message.sentAt },
          terminal`Sent (#${message.seq}).`,
        );
      });
    });

  program
    .command('react <conversation> <message> <emoji>')
    .description('put an emoji on a message (its number, #N in `parley read`)')
    .action(
      async (conversation: string, message: string, emoji: string, _options: unknown, command: Command) => {
        const opts = globals(command);
        await withSession(env, opts, async (parley) => {
          const id = await resolveConversation(parley, conversation);
          const sent = await parley.react(id, seqArg(message), emoji);
          output(opts)(
            { id: sent.conversationId, seq: sent.seq, target: sent.reaction?.target, emoji },
            terminal`Reacted ${emoji} to #${message} (#${sent.seq}).`,
          );
        });
      },
    );

  program
    .command('read [conversation]')
    .description('print messages received since the last read, with sender and time')
    .option('--wait <seconds>', 'keep printing new messages for this long', (v) => Number.parseFloat(v), 0)
    .action(async (conversation: string | undefined, options: { wait: number }, command: Command) => {
      const opts = globals(command);
      const print = output(opts);
      await withSession(env, opts, async (parley, store) => {
        const only = conversation === undefined ? undefined : await resolveConversation(parley, conversation);
        const shown = await readMarker(store);
        const show = (message: ChatMessage) => {
          if (only !== undefined && message.conversationId !== only) return;
          if (message.seq <= (shown[message.conversationId] ?? 0)) return;
          shown[message.conversationId] = message.seq;
          // Who joined or left is shown whoever changed it; of messages, only those of others.
          if (message.roster || message.sender.deviceId !== parley.deviceId) printMessage(print, message);
        };
        const stop = parley.on('message', (event) => show(event.message));
        for (const c of await parley.conversations()) {
          if (only === undefined || c.id === only) for (const m of await parley.messages(c.id)) show(m);
        }
        if (options.wait > 0) await new Promise((resolve) => setTimeout(resolve, options.wait * 1000));
        stop();
        await putJson(store, markerKey, shown);
      });
    });
}

/** A message number as `parley read` prints it (#12 or 12). */
function seqArg(value: string): number {
  const seq = Number(value.replace(/^#/, ''));
  if (!Number.isSafeInteger(seq) || seq < 1) throw new InvalidArgumentError('a message number such as 12');
  return seq;
}

async function readMarker(store: ClientStore): Promise<Record<string, number>> {
  const raw = await getJson(store, markerKey);
  const marker: Record<string, number> = {};
  if (typeof raw === 'object' && raw !== null) {
    for (const [key, value] of Object.entries(raw)) if (typeof value === 'number') marker[key] = value;
  }
  return marker;
}

function printMessage(print: Output, m: ChatMessage): void {
  const common = { conversation: m.conversationId, seq: m.seq, sentAt: m.sentAt };
  if (m.roster) {
    print(
      {
        type: 'roster',
        ...common,
        by: m.sender.username,
        added: m.roster.added,
        removed: m.roster.removed,
        text: m.text,
      },
      terminal`[${m.sentAt}] * ${m.text}`,
    );
    return;
  }
  const quote = m.replyTo
    ? terminal` (reply to #${m.replyTo.seq} ${m.replyTo.from}: “${m.replyTo.excerpt}”)`
    : '';
  print(
    {
      type: m.reaction ? 'reaction' : 'message',
      ...common,
      from: m.sender.username,
      device: m.sender.deviceId,
      text: m.text,
      ...(m.replyTo ? { replyTo: m.replyTo } : {}),
      ...(m.reaction ? { target: m.reaction.target, emoji: m.reaction.emoji } : {}),
      ...(m.unsupported ? { unsupported: m.unsupported } : {}),
    },
    m.reaction
      ? terminal`[${m.sentAt}] #${m.seq} ${m.sender.username} reacted ${m.reaction.emoji} to #${m.reaction.target}`
      : terminal`[${m.sentAt}] #${m.seq} ${m.sender.username}:${quote} ${m.text}${m.unsupported ? ' (sent with a newer Parley)' : ''}`,
  );
}
