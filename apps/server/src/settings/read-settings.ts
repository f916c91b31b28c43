import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { type SettingName, type Settings, settingRules } from './rules.ts';

/** A setting that does not parse: the message names it, where it came from, and what it takes. */
export class ConfigError extends Error {
  constructor(name: string, value: string, wants: string, source?: string) {
    super(`${name}=${JSON.stringify(value)}${source ? ` (${source})` : ''} is not valid: ${wants}`);
    this.name = 'ConfigError';
  }
}

const names = Object.keys(settingRules) as SettingName[];
const fileSchema = z.strictObject(
  Object.fromEntries(names.map((n) => [n, z.union([z.string(), z.number(), z.boolean()]).optional()])),
);

/**
 * A config file: one JSON object whose keys are the settings' environment names, such as
 * `{"PORT": 8080, "PARLEY_LOG_ORIGIN": "chat.example.org/log"}`. An unknown key is an error, so a typo
 * does not silently leave a setting at its default.
 */
function readConfigFile(path: string): Partial<Record<SettingName, string>> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('PARLEY_CONFIG', path, `a readable JSON file (${(error as Error).message})`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const unknown = parsed.error.issues.flatMap((i) => (i.code === 'unrecognized_keys' ? i.keys : []));
    const wants = unknown.length
      ? `only known settings; unknown: ${unknown.join(', ')} (known: ${names.join(', ')})`
      : 'a JSON object of settings whose values are strings, numbers or booleans';
    throw new ConfigError('PARLEY_CONFIG', path, wants);
  }
  return Object.fromEntries(
    Object.entries(parsed.data).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)]])),
  );
}

/**
 * Reads every setting from, in order of precedence, the command's flags, the environment and the config
 * file (`PARLEY_CONFIG`), each validated by its rule; the first that does not parse stops the start with
 * a `ConfigError` naming it and its source. Unset settings are left out, for the caller's defaults.
 */
export function readSettings(
  flags: Partial<Record<SettingName, string>>,
  env: Readonly<Record<string, string | undefined>>,
): Settings {
  const configPath = env.PARLEY_CONFIG;
  const file = configPath ? readConfigFile(configPath) : {};
  const settings: Record<string, unknown> = {};
  for (const name of names) {
    const [value, source] =
      flags[name] !== undefined
        ? [flags[name], 'flag']
        : env[name] !== undefined && env[name] !== ''
          ? [env[name], undefined]
          : [file[name], `in ${configPath}`];
    if (value === undefined) continue;
    const { schema, wants } = settingRules[name];
    const parsed = (schema as z.ZodType<unknown, string>).safeParse(value);
    if (!parsed.success) throw new ConfigError(name, value, wants, source);
    settings[name] = parsed.data;
  }
  return settings as Settings;
}
