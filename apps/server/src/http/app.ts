import { IncomingMessage } from 'node:http';
import {
  type ErrorBody,
  type ErrorCode,
  errorCodes,
  type GovPrincipalKind,
  limits,
  type RouteDef,
  type RouteName,
  routes,
} from '@parley/protocol';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { faultEvent, faultFields, refusalFor } from '../db/errors.ts';
import { ApiError, RetryLaterError } from '../errors.ts';
import type { GovPrincipal } from '../modules/gov-access/principal.ts';
import { clientAddress, type TrustProxy } from './client-address.ts';
import type { AuthContext, Handlers } from './handlers.ts';
import { RateLimiter } from './rate-limit.ts';

export type AppDeps = Readonly<{
  handlers: Handlers;
  authenticate: (token: string) => Promise<AuthContext | null>;
  /** Staff and officer sessions, kept apart from member sessions. */
  authenticatePrincipal: (token: string, kind: GovPrincipalKind) => Promise<GovPrincipal | null>;
  rateLimit: Readonly<{ perSecond: number; burst: number }>;
  trustProxy: TrustProxy;
  /** Log one `http.access` line per request: method, route template, status and time; never an address. */
  accessLog?: boolean;
  /** Told the code of every refusal answered (for metrics). */
  refused?: (code: ErrorCode) => void;
  log: (event: string, fields?: Readonly<Record<string, string | number | boolean>>) => void;
  /** Routes served ahead of the rate limit and JSON handling (the log's static C2SP resources). */
  mount?: (app: Hono) => void;
}>;

/** Builds the HTTP API from the protocol's route table: validate, authenticate, call the handler, present. */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const limiter = new RateLimiter(deps.rateLimit.perSecond, deps.rateLimit.burst);
  // First, so every answer carries it: the log's files, refusals and errors too. A browser must never
  // guess that an API answer (a JSON string an attacker chose, a CSV cell) is HTML or script.
  app.use('*', async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
  });
  if (deps.accessLog)
    app.use('*', async (c, next) => {
      const started = performance.now();
      await next();
      deps.log('http.access', {
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      });
    });
  deps.mount?.(app);

  app.use('*', async (c, next) => {
    // Probes of liveness and readiness are never limited: a monitor must not read a flood as an outage.
    const probe = c.req.path === routes.health.path || c.req.path === routes.ready.path;
    if (!probe && !limiter.take(clientKey(c, deps.trustProxy))) throw new ApiError('rate_limited');
    await next();
  });
  const limitStream = bodyLimit({
    maxSize: limits.maxHttpBodyBytes,
    onError: () => {
      throw new ApiError('payload_too_large');
    },
  });
  app.use('*', async (c, next) => {
    // Only a chunked body has to be counted as it streams in. A declared length is checked from the header
    // (Node reads no more than it declares), which spares every request the full Request that bodyLimit builds.
    if (c.req.header('transfer-encoding') !== undefined) return limitStream(c, next);
    if (Number(c.req.header('content-length') ?? 0) > limits.maxHttpBodyBytes)
      throw new ApiError('payload_too_large');
    await next();
  });

  for (const name of Object.keys(routes) as RouteName[]) {
    const route: RouteDef = routes[name];
    app.on(route.method, route.path, async (c) => {
      const principal = route.principal;
      const auth = route.auth
        ? await requireAuth(c, deps.authenticate)
        : principal
          ? await requireAuth(c, (token) => deps.authenticatePrincipal(token, principal))
          : null;
      const request = {
        params: parse(route.params, c.req.param()),
        query: parse(route.query, c.req.query()),
        body: route.body ? parse(route.body, await readJson(c)) : undefined,
      };
      const handler = deps.handlers[name] as (
        req: typeof request,
        auth: AuthContext | GovPrincipal | null,
      ) => Promise<unknown>;
      const result = await handler(request, auth);
      if (route.cacheControl !== undefined) c.header('cache-control', route.cacheControl);
      return c.json(result as object, route.status);
    });
  }

  app.notFound(() => {
    throw new ApiError('not_found', 'No such route.');
  });
  app.onError((error, c) => {
    const refusal = refusalFor(error);
    const event = faultEvent(refusal);
    if (event) deps.log(event, { path: c.req.routePath });
    if (refusal instanceof RetryLaterError) c.header('Retry-After', String(refusal.retryAfterSeconds));
    deps.refused?.(refusal?.code ?? 'internal');
    if (refusal) return c.json(errorBody(refusal), refusal.status as 400);
    deps.log('http.internal_error', { path: c.req.routePath, ...faultFields(error) });
    return c.json(errorBody(new ApiError('internal')), 500);
  });
  return app;
}

function errorBody(error: ApiError): ErrorBody {
  const body = { code: error.code, message: error.message || errorCodes[error.code].message };
  return { error: error.details === undefined ? body : { ...body, details: error.details } };
}

/** The rate limit's key: the client's address as the trusted proxies name it; in-process requests share one. */
function clientKey(c: Context, trust: TrustProxy): string {
  const incoming: unknown = Reflect.get(Object(c.env), 'incoming');
  return incoming instanceof IncomingMessage ? clientAddress(incoming, trust) : 'in-process';
}

async function requireAuth<A>(c: Context, authenticate: (token: string) => Promise<A | null>): Promise<A> {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9_-]{1,256})$/.exec(header);
  const auth = match?.[1] ? await authenticate(match[1]) : null;
  if (!auth) throw new ApiError('unauthenticated');
  return auth;
}

async function readJson(c: Context): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError('malformed_request');
  }
}

/** Validates one part of a request; the error names each failing field. */
export function parse<S extends z.ZodType | undefined>(schema: S, value: unknown): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ApiError(
    'validation_failed',
    undefined,
    result.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
  );
}
