import {
  ErrorBodySchema,
  isErrorCode,
  type RouteInput,
  type RouteName,
  type RouteResponse,
  routes,
} from '@parley/protocol';
import { isRetryable, ParleyApiError } from './api-error.ts';
import { type BackoffPolicy, backoffDelay, sleep } from './backoff.ts';

/** The subset of `fetch` the client uses, so tests and runtimes can inject their own. */
export type FetchLike = (
  url: string,
  init: Readonly<{ method: string; headers: Record<string, string>; body?: string }>,
) => Promise<Readonly<{ status: number; text: () => Promise<string> }>>;

export type HttpClientOptions = Readonly<{
  baseUrl: string;
  fetch?: FetchLike;
  /** Throttled or busy answers are retried this many times with backoff. */
  retries?: number;
  backoff?: BackoffPolicy;
  /**
   * The staff or officer session for routes with a `principal` (separate from member sessions, which go
   * in `token`); read on every call, so a sign-in or sign-out takes effect at once.
   */
  principalToken?: () => string | undefined;
}>;

/** Calls that are safe to repeat after a lost answer (sends carry a client id the server dedupes on). */
const idempotent: ReadonlySet<RouteName> = new Set<RouteName>([
  'health',
  'getAccount',
  'ktKeys',
  'ktCheckpoint',
  'ktLookup',
  'ktConsistency',
  'ktAudit',
  'challenge',
  'countKeyPackages',
  'listGroups',
  'getGroup',
  'messages',
  'send',
  'ack',
]);

type Input<N extends RouteName> = Partial<RouteInput<N>>;

/** A typed client over the protocol's route table: every answer is schema-checked before it is trusted. */
export class HttpClient {
  readonly baseUrl: string;
  readonly #fetch: FetchLike;
  readonly #retries: number;
  readonly #backoff: BackoffPolicy;
  readonly #principalToken: (() => string | undefined) | undefined;
  token: string | undefined;

  constructor(options: HttpClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    const fallback: FetchLike | undefined =
      typeof globalThis.fetch === 'function' ? (url, init) => globalThis.fetch(url, init) : undefined;
    const chosen = options.fetch ?? fallback;
    if (chosen === undefined) throw new Error('no fetch available: pass one in the options');
    this.#fetch = chosen;
    this.#retries = options.retries ?? 6;
    this.#backoff = options.backoff ?? { baseMs: 100, capMs: 3000 };
    this.#principalToken = options.principalToken;
  }

  /** Calls one route; throws ParleyApiError for any error answer or transport failure. */
  async call<N extends RouteName>(name: N, input: Input<N> = {}): Promise<RouteResponse<N>> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once(name, input);
      } catch (error) {
        if (!isRetryable(error) || attempt >= this.#retries) throw error;
        // A lost answer to a non-idempotent call may hide a success; only the caller can tell.
        if (error instanceof ParleyApiError && error.code === 'network' && !idempotent.has(name)) throw error;
        await sleep(backoffDelay(this.#backoff, attempt) + 20);
      }
    }
  }

  async #once<N extends RouteName>(name: N, input: Input<N>): Promise<RouteResponse<N>> {
    const route = routes[name];
    const headers: Record<string, string> = {};
    if (route.auth) {
      if (this.token === undefined) throw new ParleyApiError('unauthenticated', 401, 'not logged in');
      headers.authorization = `Bearer ${this.token}`;
    }
    const principal = 'principal' in route ? this.#principalToken?.() : undefined;
    if (principal !== undefined) headers.authorization = `Bearer ${principal}`;
    const body = input.body === undefined ? undefined : JSON.stringify(input.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Awaited<ReturnType<FetchLike>>;
    let text: string;
    try {
      response = await this.#fetch(this.#url(route.path, input), {
        method: route.method,
        headers,
        ...(body === undefined ? {} : { body }),
      });
      text = await response.text();
    } catch (cause) {
      throw new ParleyApiError(
        'network',
        0,
        `${route.method} ${route.path} failed to reach the server`,
        undefined,
        {
          cause,
        },
      );
    }
    const json = parseJson(text);
    if (response.status !== route.status) throw errorFrom(response.status, json);
    const parsed = route.response.safeParse(json);
    if (!parsed.success) throw new ParleyApiError('bad_response', response.status, `bad answer to ${name}`);
    // The schema just checked is the one RouteResponse<N> is inferred from.
    return parsed.data as RouteResponse<N>;
  }

  #url(template: string, input: Input<RouteName>): string {
    const params = toStringRecord(input.params);
    const path = template.replace(/:([A-Za-z]+)/g, (_, key: string) => encodeURIComponent(params[key] ?? ''));
    const query = new URLSearchParams(toStringRecord(input.query)).toString();
    return `${this.baseUrl}${path}${query ? `?${query}` : ''}`;
  }
}

function toStringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof value !== 'object' || value === null) return out;
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = String(v);
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorFrom(status: number, json: unknown): ParleyApiError {
  const parsed = ErrorBodySchema.safeParse(json);
  if (parsed.success && isErrorCode(parsed.data.error.code)) {
    const { code, message, details } = parsed.data.error;
    return new ParleyApiError(code, status, message, details);
  }
  return new ParleyApiError('bad_response', status, `unexpected HTTP ${status}`);
}
