/** The UTC calendar day of a time in milliseconds, as the log and reports write dates. */
export const dayOf = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
