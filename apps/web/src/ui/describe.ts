import { ParleyApiError } from '@parley/sdk/browser';

/** An error in words for the person at the screen; the sdk's messages already are, except a lost network. */
export function describe(error: unknown): string {
  if (error instanceof ParleyApiError && error.code === 'network')
    return 'Parley cannot reach its server. Check your connection, then try again.';
  return error instanceof Error ? error.message : String(error);
}
