import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { logPrefix, routes, wsPath } from '@parley/protocol';
import type { Context, Hono } from 'hono';
import { readPrecompressed, type StaticBody } from './precompressed.ts';

/**
 * Everything the page may load comes from this origin: no inline script or style, no third-party host, no
 * framing. `connect-src 'self'` covers the same-origin WebSocket as well as fetch.
 */
export const webContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Vite puts content-hashed files under /assets/: their bytes never change under the same name. */
const hashedPrefix = '/assets/';

/**
 * The first path segments the API owns (every protocol route, the WebSocket, the log). The web app never
 * answers under them, so a missing API route stays a JSON 404 and never becomes the app's HTML.
 */
export function reservedSegments(): ReadonlySet<string> {
  const paths: string[] = [...Object.values(routes).map((r) => r.path), wsPath, logPrefix];
  return new Set(paths.map((p) => p.split('/')[1] ?? '').filter((s) => s !== ''));
}

export type WebAppOptions = Readonly<{ root: string }>;

/**
 * Serves the built web app from `root`: files by path with their content type (the build's brotli or gzip
 * copy when the client accepts it), hashed assets as immutable, and index.html (with the
 * Content-Security-Policy) for any other GET that looks like an app route.
 */
export function mountWebApp(app: Hono, options: WebAppOptions): void {
  const root = resolve(options.root);
  const reserved = reservedSegments();
  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    const path = c.req.path;
    const first = path.split('/')[1] ?? '';
    if (reserved.has(first)) return next();
    const file = await readInside(root, path, c.req.header('accept-encoding'));
    if (file) return respond(c, path, file);
    // Only extension-less paths are app routes; a missing /assets/x.js is a plain 404, not HTML.
    if (extname(path) !== '' || path.startsWith(hashedPrefix)) return next();
    const index = await readInside(root, '/index.html', c.req.header('accept-encoding'));
    if (!index) return c.text('The web app is not built: run `npm run build -w apps/web`.', 503);
    return respond(c, '/index.html', index);
  });
}

function respond(c: Context, path: string, file: StaticBody): Response {
  const type = contentTypes[extname(path)] ?? 'application/octet-stream';
  const headers: Record<string, string> = {
    'content-type': type,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': path.startsWith(hashedPrefix) ? 'public, max-age=31536000, immutable' : 'no-cache',
  };
  if (file.encoding) headers['content-encoding'] = file.encoding;
  if (file.varies) headers.vary = 'accept-encoding';
  if (type.startsWith('text/html')) {
    headers['content-security-policy'] = webContentSecurityPolicy;
    headers['cross-origin-opener-policy'] = 'same-origin';
  }
  return new Response(c.req.method === 'HEAD' ? null : file.body, { status: 200, headers });
}

/** Reads a regular file under root; anything that would escape it (`..`, encoded or not) reads as missing. */
async function readInside(
  root: string,
  urlPath: string,
  acceptEncoding: string | undefined,
): Promise<StaticBody | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.endsWith('/')) return undefined;
  const full = resolve(root, `.${decoded}`);
  if (!full.startsWith(root + sep)) return undefined;
  try {
    if (!(await stat(full)).isFile()) return undefined;
    return await readPrecompressed(full, acceptEncoding);
  } catch {
    return undefined;
  }
}
