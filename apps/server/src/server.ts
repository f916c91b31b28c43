import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { defaultConfig, type ServerConfig } from './config.ts';
import { type AppContext, createContext } from './context.ts';
import { serializeFrame } from './gateway/envelope.ts';
import { Gateway } from './gateway/gateway.ts';
import { createApp } from './http/app.ts';
import { mountWebApp } from './http/web-app.ts';
import { GovernanceSweeper } from './jobs/governance-sweeper.ts';
import { KtEpochJob } from './jobs/kt-epochs.ts';
import { LogSequencerJob } from './jobs/log-sequencer.ts';
import { Sweeper } from './jobs/sweeper.ts';
import { listenForMetrics } from './metrics/listener.ts';
import { Metrics } from './metrics/metrics.ts';
import { mountLogResources } from './modules/transparency-log/routes.ts';
import { mountReportResources } from './modules/transparency-reports/routes.ts';

/** A running Parley server. Dispose it (or call `close`) to drain connections and release the database. */
export type ParleyServer = AsyncDisposable &
  Readonly<{
    url: string;
    port: number;
    context: AppContext;
    gateway: Gateway;
    /** The metrics listener's port, when `metricsPort` was set. */
    metricsPort: number | undefined;
    /** Run a governance sweep now (tests with a manual clock). */
    sweepGovernance: () => Promise<void>;
    close: () => Promise<void>;
  }>;

/** Starts a server: database migrated, fan-out connected, HTTP and WebSocket listening. */
export async function createServer(options: Partial<ServerConfig> = {}): Promise<ParleyServer> {
  const given = { ...defaultConfig, ...options };
  let gateway: Gateway | undefined;
  let context: AppContext | undefined;
  const metrics = new Metrics({
    connections: () => gateway?.connectionCount ?? 0,
    fanout: () => context?.fanout.readiness() ?? 'down',
    logHead: async () => context?.transparencyLog.head(),
  });
  // Every log event is counted by name; the log line itself goes where the caller sends it.
  const config: ServerConfig = {
    ...given,
    log: (event, fields) => {
      metrics.events.inc({ event });
      given.log?.(event, fields);
    },
  };
  context = await createContext(config, {
    batchWritten: (sends) => {
      metrics.sendBatch.observe(sends);
      metrics.messagesStored.inc(sends);
    },
    acknowledged: (seconds) => metrics.sendSeconds.observe(seconds),
  });
  const app = createApp({
    handlers: context.handlers,
    authenticate: (t) => context.auth.authenticate(t),
    authenticatePrincipal: (t, kind) => context.governance.access.authenticate(t, kind),
    rateLimit: config.httpRateLimit,
    trustProxy: config.trustProxy,
    refused: (code) => metrics.refusals.inc({ code }),
    accessLog: config.accessLog,
    log: context.log,
    mount: (hono) => {
      mountLogResources(hono, context.transparencyLog);
      mountReportResources(hono, context.reports);
    },
  });
  // After the API routes, so the app's fallback can never answer for an API path.
  if (config.webRoot) mountWebApp(app, { root: config.webRoot });
  gateway = new Gateway({
    fanout: context.fanout,
    maxConnections: config.maxConnections,
    nodeId: context.nodeId,
    log: context.log,
    authenticate: (token) => context.auth.authenticate(token),
    memberships: (deviceId) => context.groups.memberships(deviceId),
    membership: (deviceId, groupId) => context.groups.membership(deviceId, groupId),
    backlog: async (deviceId, member, after) => {
      const backlog = await context.groups.backlog(deviceId, member, after);
      const messages = backlog.messages.map((message) => ({
        seq: message.seq,
        frame: serializeFrame({ type: 'message', message }),
      }));
      return { ...backlog, messages };
    },
    send: (deviceId, groupId, id, payload) => context.groups.send(deviceId, groupId, id, payload),
    ack: (deviceId, groupId, seq) => context.groups.ackLater(deviceId, groupId, seq),
    touch: (deviceId) => context.accounts.touch(deviceId),
    frameSent: () => metrics.framesOut.inc(),
    refused: (code) => metrics.refusals.inc({ code }),
  });
  const http = createHttpServer(getRequestListener(app.fetch));
  // Plain HTTP keeps some descriptors beyond the WebSocket cap; past this the kernel backlog holds them.
  http.maxConnections = config.maxConnections + 500;
  http.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
  http.on('clientError', (_error, socket) => socket.destroy());
  const sweeper = new Sweeper(context, config.sweepIntervalMs);
  const governanceSweeper = new GovernanceSweeper(context, config.governanceSweepIntervalMs);
  const sequencer = new LogSequencerJob(context, config.logSequenceIntervalMs);
  const ktEpochs = new KtEpochJob(context, config.ktEpochIntervalMs);

  let metricsListener: Awaited<ReturnType<typeof listenForMetrics>> | undefined;
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => http.close(() => resolve()));
      await sweeper[Symbol.asyncDispose]();
      await governanceSweeper[Symbol.asyncDispose]();
      await sequencer[Symbol.asyncDispose]();
      await ktEpochs[Symbol.asyncDispose]();
      await gateway[Symbol.asyncDispose]();
      http.closeIdleConnections();
      setTimeout(() => http.closeAllConnections(), 2000).unref();
      await stopped;
      await context.groups[Symbol.asyncDispose]();
      await context.fanout[Symbol.asyncDispose]();
      await metricsListener?.close();
      await context.db.destroy();
    })();
    return closing;
  };
  try {
    await listen(http, config.port, config.host);
    if (config.metricsPort !== undefined)
      metricsListener = await listenForMetrics(metrics.registry, config.metricsPort, config.metricsHost);
  } catch (error) {
    // A port in use must not leave a process holding the database (and an embedded directory's lock).
    await close();
    throw error;
  }
  const port = (http.address() as AddressInfo).port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  context.log('server.listening', { port, node: context.nodeId });
  return {
    url: `http://${host}:${port}`,
    port,
    context,
    gateway,
    metricsPort: metricsListener?.port,
    sweepGovernance: () => governanceSweeper.sweep(),
    close,
    [Symbol.asyncDispose]: close,
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
