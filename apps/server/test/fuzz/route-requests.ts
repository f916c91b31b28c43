import { type RouteDef, type RouteName, routes } from '@parley/protocol';
import fc from 'fast-check';
import { fromSchema, hostile, hostileString, inputSchema, type Known, rawBodies } from './arbitraries.ts';

/** One HTTP request as sent: the route it aims at, and everything an attacker controls. */
export type FuzzRequest = Readonly<{
  name: RouteName;
  method: string;
  path: string;
  body: string | undefined;
  token: string | undefined;
}>;

/** Sessions to present, by who a route is for. */
export type Tokens = Readonly<{ member: string; staff: readonly string[]; officer: string }>;

/** Path segments no encoder writes: broken percent-escapes, overlong and surrogate UTF-8, traversal. */
const rawSegments = fc.constantFrom('%', '%zz', '%E0%A4%A', '%C0%80', '%ED%A0%80', '%FF', '%00', '..', '%2F');
const rawQueries = fc.constantFrom(
  '?state=%00',
  '?limit=%',
  '?after=1&after=2',
  '?=',
  '?limit=1e400',
  '?%ZZ=1',
);
const junkTokens = fc.constantFrom(undefined, '', 'x', 'A'.repeat(43), 'A'.repeat(41), '../', 'Bearer');

const text = (v: unknown): string => (typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));

/** A lone surrogate has no UTF-8 encoding, so it goes out as the bytes a broken client would send. */
function segment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function properties(schema: RouteDef['params']): string[] {
  if (schema === undefined) return [];
  const props = inputSchema(schema).properties;
  return typeof props === 'object' && props !== null ? Object.keys(props) : [];
}

function pathArbitrary(route: RouteDef, known: Known): fc.Arbitrary<string> {
  const names = properties(route.params);
  const propertySchemas = route.params ? Object(inputSchema(route.params).properties) : {};
  const segments = names.map((name) =>
    fc.oneof(
      {
        arbitrary: fromSchema(Reflect.get(propertySchemas, name), known, name).map((v) => segment(text(v))),
        weight: 6,
      },
      { arbitrary: rawSegments, weight: 1 },
    ),
  );
  return fc.tuple(...segments).map((values) => {
    let path = route.path;
    names.forEach((name, i) => {
      path = path.replace(`:${name}`, values[i] ?? '');
    });
    return path;
  });
}

function queryArbitrary(route: RouteDef, known: Known): fc.Arbitrary<string> {
  if (route.query === undefined)
    return fc.oneof({ arbitrary: fc.constant(''), weight: 8 }, { arbitrary: rawQueries, weight: 1 });
  const shaped = fromSchema(inputSchema(route.query), known).map((value) => {
    const search = new URLSearchParams();
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      for (const [k, v] of Object.entries(value)) search.append(k, text(v));
    const query = search.toString();
    return query === '' ? '' : `?${query}`;
  });
  return fc.oneof({ arbitrary: shaped, weight: 6 }, { arbitrary: rawQueries, weight: 1 });
}

function bodyArbitrary(route: RouteDef, known: Known): fc.Arbitrary<string | undefined> {
  if (route.method === 'GET') return fc.constant(undefined);
  if (route.body === undefined)
    return fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 6 },
      { arbitrary: hostile.map(text), weight: 1 },
    );
  return fc.oneof(
    { arbitrary: fromSchema(inputSchema(route.body), known).map(text), weight: 10 },
    { arbitrary: rawBodies, weight: 1 },
    { arbitrary: hostileString, weight: 1 },
  );
}

function tokenArbitrary(route: RouteDef, tokens: Tokens): fc.Arbitrary<string | undefined> {
  // Signing out would end the session every later request presents; a DELETE gets a junk token instead.
  if (route.method === 'DELETE') return junkTokens;
  const valid = route.auth
    ? [tokens.member]
    : route.principal === 'staff'
      ? tokens.staff
      : route.principal === 'officer'
        ? [tokens.officer]
        : route.principal === 'staff_or_officer'
          ? [...tokens.staff, tokens.officer]
          : [];
  if (valid.length === 0)
    return fc.oneof({ arbitrary: fc.constant(undefined), weight: 8 }, { arbitrary: junkTokens, weight: 1 });
  return fc.oneof({ arbitrary: fc.constantFrom(...valid), weight: 8 }, { arbitrary: junkTokens, weight: 1 });
}

/** A request to any route of the protocol's table: a route added there is fuzzed with no change here. */
export function anyRouteRequest(known: Known, tokens: Tokens): fc.Arbitrary<FuzzRequest> {
  const perRoute = (Object.keys(routes) as RouteName[]).map((name) => {
    const route: RouteDef = routes[name];
    return fc
      .record({
        path: pathArbitrary(route, known),
        query: queryArbitrary(route, known),
        body: bodyArbitrary(route, known),
        token: tokenArbitrary(route, tokens),
      })
      .map(({ path, query, body, token }) => ({
        name,
        method: route.method,
        path: path + query,
        body,
        token,
      }));
  });
  return fc.oneof(...perRoute);
}
