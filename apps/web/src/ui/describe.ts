/** An error's message as a person reads it (anything thrown that is not an Error, as text). */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
