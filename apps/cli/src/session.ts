import {
  type ClientStore,
  describeSecurityAlert,
  FileStore,
  nodeSocketFactory,
  ParleyClient,
} from '@parley/sdk/node';
import type { Command } from 'commander';
import { askSecret } from './prompt.ts';
import { escapeTerminal, type TerminalText } from './terminal-text.ts';

/** What the process environment provides (read only in main.ts). */
export type Environment = Readonly<{
  server?: string;
  profile?: string;
  passphrase?: string;
  /** Witness keys the key directory's checkpoints need cosignatures from, comma-separated. */
  ktWitnessKeys?: string;
  ktQuorum?: string;
}>;

export type GlobalOptions = Readonly<{
  server: string;
  profile: string;
  json?: boolean;
  ktWitnessKey: readonly string[];
  ktQuorum: number;
}>;

/**
 * Prints one result: a JSON object per line with --json (exact, since JSON escapes by itself), otherwise the
 * human text, whose data parts `terminal` has escaped.
 */
export type Output = (value: Readonly<Record<string, unknown>>, text: TerminalText) => void;

export function globals(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

export function output(options: GlobalOptions): Output {
  return (value, text) => {
    process.stdout.write(`${options.json ? JSON.stringify(value) : text.toString()}\n`);
  };
}

/**
 * The profile's passphrase: PARLEY_PASSPHRASE, or asked on the terminal. The profile's keys are sealed under
 * it, so there is no default.
 */
async function passphrase(env: Environment): Promise<string> {
  if (env.passphrase) return env.passphrase;
  if (!process.stdin.isTTY) throw new Error('set PARLEY_PASSPHRASE: the profile is encrypted with it');
  return askSecret('Profile passphrase: ');
}

/** A client on the profile's encrypted store, not yet logged in. */
export async function client(env: Environment, options: GlobalOptions): Promise<ParleyClient> {
  return (await openProfile(env, options)).parley;
}

/** The profile's encrypted store and a client on it, not yet logged in. */
export async function openProfile(env: Environment, options: GlobalOptions) {
  const store = await FileStore.open({ directory: options.profile, passphrase: await passphrase(env) });
  return {
    store,
    parley: new ParleyClient({
      serverUrl: options.server,
      store,
      socketFactory: nodeSocketFactory,
      witnesses: { witnesses: options.ktWitnessKey, quorum: options.ktQuorum },
    }),
  };
}

/**
 * Opens the profile, connects, and processes everything waiting on the server before running `task`, so
 * commands act on up-to-date conversations.
 */
export async function withSession<T>(
  env: Environment,
  options: GlobalOptions,
  task: (client: ParleyClient, store: ClientStore) => Promise<T>,
): Promise<T> {
  const { parley, store } = await openProfile(env, options);
  // An alert is never silent: standard error, so it shows on a terminal even when output is piped or JSON.
  parley.on('security-alert', (event) =>
    process.stderr.write(`SECURITY ALERT: ${escapeTerminal(describeSecurityAlert(event))}\n`),
  );
  await parley.open();
  const synced = new Promise<void>((resolve) => parley.on('synced', () => resolve()));
  await parley.connect();
  await synced;
  try {
    return await task(parley, store);
  } finally {
    await parley.close();
  }
}

/** Accepts a conversation by id or by (unique) name. */
export async function resolveConversation(parley: ParleyClient, idOrName: string): Promise<string> {
  const conversations = await parley.conversations();
  const byId = conversations.find((c) => c.id === idOrName);
  if (byId) return byId.id;
  const byName = conversations.filter((c) => c.name === idOrName);
  if (byName.length === 1 && byName[0]) return byName[0].id;
  throw new Error(
    byName.length > 1
      ? `several conversations are named ${idOrName}; use the id`
      : `no conversation ${idOrName}`,
  );
}
