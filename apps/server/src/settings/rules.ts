import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from '../http/client-address.ts';
import { logLevels } from '../logger.ts';

/** How one setting is read from its text, and what to say when the text does not fit. */
type Rule<T> = Readonly<{ schema: z.ZodType<T, string>; wants: string }>;

const rule = <T>(wants: string, schema: z.ZodType<T, string>): Rule<T> => ({ schema, wants });

const wholeNumber = (min: number, max: number) =>
  rule(
    `a whole number from ${min} to ${max}`,
    z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number)
      .pipe(z.number().min(min).max(max)),
  );

const hostName = rule(
  'an IP address or host name to listen on, such as 127.0.0.1 (the default), 0.0.0.0 or ::',
  z.string().regex(/^[A-Za-z0-9.:-]{1,253}$/),
);

const urlWithScheme = (schemes: readonly string[]) =>
  rule(
    `a URL starting ${schemes.map((s) => `${s}://`).join(' or ')}`,
    z.string().refine((value) => {
      try {
        return schemes.includes(new URL(value).protocol.slice(0, -1));
      } catch {
        return false;
      }
    }),
  );

const trustProxy = rule<TrustProxy>(
  'a number of proxy hops (1 for one reverse proxy) or a comma-separated list of proxy addresses, CIDR ranges, loopback, linklocal or uniquelocal',
  z.string().transform((value, ctx) => {
    const parsed = parseTrustProxy(value);
    if (parsed === undefined) ctx.addIssue({ code: 'custom', message: 'not a proxy setting' });
    return parsed ?? (() => false);
  }),
);

/**
 * Every setting of `parley serve`, by its environment name (the same names in a config file). One place says
 * what each takes; `readSettings` applies them to flags, the environment and the file.
 */
export const settingRules = {
  PORT: wholeNumber(0, 65535),
  HOST: hostName,
  PARLEY_DATA: rule('a directory path', z.string().min(1)),
  DATABASE_URL: urlWithScheme(['postgres', 'postgresql']),
  NATS_URL: urlWithScheme(['nats', 'tls']),
  PARLEY_MESSAGE_TTL_DAYS: wholeNumber(1, 3650),
  PARLEY_KT_EPOCH_SECONDS: wholeNumber(0, 86_400),
  PARLEY_LOG_ORIGIN: rule(
    'a schema-less URL naming the log, such as chat.example.org/log (no spaces)',
    z.string().regex(/^[!-~]{1,200}$/),
  ),
  PARLEY_TRUST_PROXY: trustProxy,
  PARLEY_LOG_LEVEL: rule(`one of ${logLevels.join(', ')}`, z.enum(logLevels as [string, ...string[]])),
  PARLEY_ACCESS_LOG: rule(
    'on or off',
    z.enum(['on', 'off']).transform((value) => value === 'on'),
  ),
  PARLEY_METRICS_PORT: wholeNumber(0, 65535),
  PARLEY_METRICS_HOST: hostName,
  PARLEY_SECRET_KEY_FILE: rule('a file path', z.string().min(1)),
  PARLEY_WEB_ROOT: rule('a directory path', z.string().min(1)),
  PARLEY_MAX_CONNECTIONS: wholeNumber(1, 1_000_000),
} as const;

export type SettingName = keyof typeof settingRules;
export type Settings = { -readonly [N in SettingName]?: z.output<(typeof settingRules)[N]['schema']> };
