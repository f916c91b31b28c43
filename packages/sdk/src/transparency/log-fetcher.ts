import { logPrefix, logResources } from '@parley/protocol';
import { LogVerificationError } from './log-verification-error.ts';

/**
 * Reads a log resource by its path relative to the log prefix (`checkpoint`, `tile/0/000`, …); undefined
 * when the log says it has no such resource (404). Anything that serves the C2SP layout (the server, a
 * mirror, a CDN, a directory of files) can sit behind it.
 */
export type LogFetcher = (path: string) => Promise<Uint8Array | undefined>;

/** The subset of WHATWG fetch the log fetcher needs (browsers and Node 20 both provide it). */
export type FetchFn = (
  url: string,
) => Promise<Readonly<{ status: number; arrayBuffer: () => Promise<ArrayBuffer> }>>;

const RETRIES = 5;

/** Relative path of the checkpoint and key resources, as the protocol table gives them. */
export const checkpointPath = logResources.checkpoint.path.slice(logPrefix.length);
export const logKeyPath = logResources.key.path.slice(logPrefix.length);

/** Fetches log resources from a server over HTTP, retrying throttled or busy answers with backoff. */
export function httpLogFetcher(serverUrl: string, fetchFn: FetchFn = (url) => fetch(url)): LogFetcher {
  const base = `${serverUrl.replace(/\/+$/, '')}${logPrefix}`;
  return async (path) => {
    for (let attempt = 0; ; attempt++) {
      let status: number;
      let body: ArrayBuffer;
      try {
        const response = await fetchFn(base + path);
        status = response.status;
        body = await response.arrayBuffer();
      } catch (error) {
        if (attempt < RETRIES) {
          await delay(attempt);
          continue;
        }
        throw new LogVerificationError('unreachable', `cannot fetch ${path}: ${String(error)}`, {
          cause: error,
        });
      }
      if (status === 200) return new Uint8Array(body);
      if (status === 404) return undefined;
      if ((status === 429 || status === 503) && attempt < RETRIES) {
        await delay(attempt);
        continue;
      }
      throw new LogVerificationError('unreachable', `fetching ${path} failed with HTTP ${status}`);
    }
  };
}

const delay = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 100 * 2 ** attempt));
