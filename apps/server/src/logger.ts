import pino, { type Level } from 'pino';

export type LogFields = Readonly<Record<string, string | number | boolean>>;

/** Events that mean something went wrong, logged at `warn` or `error` rather than `info`. */
const levelOf = (event: string): Level => {
  if (/internal_error|\.failed$|_failed$|storage_full/.test(event)) return 'error';
  if (/connection_lost|unavailable|disconnected|refused|slow_consumer|handler_error|stopping/.test(event))
    return 'warn';
  return 'info';
};

export const logLevels: readonly string[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'];

/**
 * The process's structured log: one JSON line per event on stdout through pino, with a level, an ISO time,
 * the event name and its fields (ids and counts only, by the callers' rule). Field names that would carry a
 * secret are redacted anyway, in case a caller ever passes one.
 */
export function processLogger(level: string): (event: string, fields?: LogFields) => void {
  const logger = pino({
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: [
        'token',
        'password',
        'totp',
        'totpSecret',
        'secret',
        'skey',
        'payload',
        'authorization',
        'text',
      ],
      censor: '[redacted]',
    },
  });
  return (event, fields) => logger[levelOf(event)]({ event, ...fields });
}
