import { randomBytes } from 'node:crypto';
import { openApiDocument, version } from '@parley/protocol';
import { type Clock, systemClock } from './clock.ts';
import type { ServerConfig } from './config.ts';
import { type Db, openDatabase } from './db/database.ts';
import { createFanout, type Fanout } from './fanout/index.ts';
import type { Handlers } from './http/handlers.ts';
import { readiness } from './http/readiness.ts';
import { accountRoutes } from './modules/accounts/routes.ts';
import { AccountService } from './modules/accounts/service.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { AuthService } from './modules/auth/service.ts';
import { catalogueRoutes } from './modules/data-catalogue/routes.ts';
import { CatalogueService } from './modules/data-catalogue/service.ts';
import { DisclosureLog } from './modules/disclosure-log/service.ts';
import { HashGate } from './modules/gov-access/hash-gate.ts';
import { RegistryService } from './modules/gov-access/registry.ts';
import { RevocationService } from './modules/gov-access/revocation.ts';
import { govAccessRoutes } from './modules/gov-access/routes.ts';
import { AccessService } from './modules/gov-access/service.ts';
import { AgencyStandingService } from './modules/gov-access/standing.ts';
import { agencyStandingRoutes } from './modules/gov-access/standing-routes.ts';
import { TotpResetService } from './modules/gov-access/totp-reset.ts';
import { totpResetRoutes } from './modules/gov-access/totp-reset-routes.ts';
import { govAuditRoutes } from './modules/gov-audit/routes.ts';
import { AuditService } from './modules/gov-audit/service.ts';
import { govCaseRoutes } from './modules/gov-cases/routes.ts';
import { CaseService } from './modules/gov-cases/service.ts';
import { noticeRoutes } from './modules/gov-notices/routes.ts';
import { NoticeService } from './modules/gov-notices/service.ts';
import { govPolicyRoutes } from './modules/gov-policies/routes.ts';
import { PolicyService } from './modules/gov-policies/service.ts';
import { PreservationService } from './modules/gov-preservations/service.ts';
import { productionRoutes } from './modules/gov-productions/routes.ts';
import { ProductionService } from './modules/gov-productions/service.ts';
import { groupRoutes } from './modules/groups/routes.ts';
import { GroupService, type SendObserver } from './modules/groups/service.ts';
import { loadDirectoryKeys } from './modules/key-directory/directory-keys.ts';
import { keyDirectoryRoutes } from './modules/key-directory/routes.ts';
import { KeyDirectoryService } from './modules/key-directory/service.ts';
import { keyPackageRoutes } from './modules/key-packages/routes.ts';
import { KeyPackageService } from './modules/key-packages/service.ts';
import { type LogKey, loadLogKey } from './modules/transparency-log/log-key.ts';
import { logRoutes } from './modules/transparency-log/routes.ts';
import { Sequencer } from './modules/transparency-log/sequencer.ts';
import { TransparencyLogService } from './modules/transparency-log/service.ts';
import { reportRoutes } from './modules/transparency-reports/routes.ts';
import { ReportService } from './modules/transparency-reports/service.ts';
import { Notifier } from './notifier.ts';
import { sealClearSecrets } from './sealed-secrets.ts';
import { SecretBox } from './secrets.ts';

export type Log = NonNullable<ServerConfig['log']>;

/** Every dependency of the server, wired in one place. */
export type AppContext = Readonly<{
  nodeId: string;
  db: Db;
  fanout: Fanout;
  clock: Clock;
  log: Log;
  accounts: AccountService;
  /** Key transparency: every account key and device list, published in signed epochs (ADR 0010). */
  keyDirectory: KeyDirectoryService;
  auth: AuthService;
  keyPackages: KeyPackageService;
  groups: GroupService;
  transparencyLog: TransparencyLogService;
  /** Publishes every governance event in the transparency log (`docs/disclosure-log.md`). */
  disclosureLog: DisclosureLog;
  /** Transparency reports computed from the log and published into it. */
  reports: ReportService;
  handlers: Handlers;
  /** Government requests: staff and officer access, registries and the audit trail. */
  governance: Readonly<{
    audit: AuditService;
    access: AccessService;
    /** The cap on concurrent password hashes, shared by sign-in and account creation. */
    hashGate: HashGate;
    registry: RegistryService;
    policies: PolicyService;
    cases: CaseService;
    notices: NoticeService;
    preservations: PreservationService;
  }>;
}>;

/** `sends` receives the message store's batch sizes and acknowledgement times (for metrics). */
export async function createContext(config: ServerConfig, sends?: SendObserver): Promise<AppContext> {
  const log: Log = config.log ?? (() => undefined);
  const clock = config.clock ?? systemClock;
  const nodeId = randomBytes(6).toString('base64url');
  const db = await openDatabase({
    ...(config.databaseUrl ? { url: config.databaseUrl } : {}),
    ...(config.dataDir ? { dataDir: config.dataDir } : {}),
    ...(config.databaseSchema ? { schema: config.databaseSchema } : {}),
    onPoolError: (error) => log('db.connection_lost', { code: pgCode(error) }),
  });
  const secrets = new SecretBox(config.secretKey);
  let fanout: Fanout;
  let logKey: LogKey;
  let keyDirectory: KeyDirectoryService;
  try {
    // First, so a log signed under another origin stops the start before anything else is opened.
    logKey = await loadLogKey(db, config.logOrigin, clock.now(), secrets);
    const ktKeys = await loadDirectoryKeys(db, `${logKey.firstOrigin}/kt`, clock.now(), secrets);
    await sealClearSecrets(db, secrets);
    keyDirectory = await KeyDirectoryService.open(
      db,
      clock,
      ktKeys,
      {
        publishOnChange: config.ktPublishOnChange,
        witnesses: { endpoints: config.logWitnesses, log },
      },
      (fields) => log('kt.rebuilt', fields),
    );
    fanout = await createFanout({
      ...(config.natsUrl ? { natsUrl: config.natsUrl } : {}),
      name: `parley-${nodeId}`,
      onError: (error) =>
        log('fanout.handler_error', { error: error instanceof Error ? error.name : 'unknown' }),
    });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  let fanoutLostAt = 0;
  fanout.onConnectivity((connected) => {
    if (!connected) fanoutLostAt = performance.now();
    if (connected) log('fanout.resumed', { downMs: Math.round(performance.now() - fanoutLostAt) });
    else log('fanout.disconnected');
  });
  // The notifier needs the group service to find contacts; the group service needs the notifier to publish.
  let groups: GroupService | undefined;
  const notifier = new Notifier(
    fanout,
    (username) => groups?.contactDevices(username) ?? Promise.resolve([]),
  );
  groups = new GroupService(db, clock, notifier, config.messageTtlMs, sends);
  const accounts = new AccountService(db, clock, notifier, keyDirectory);
  const auth = new AuthService(db, clock, accounts);
  const keyPackages = new KeyPackageService(db, clock, accounts, notifier);
  const transparencyLog = createTransparencyLog(config, db, clock, log, logKey);
  const audit = new AuditService(db, clock);
  const hashGate = new HashGate(config.passwordHashConcurrency);
  const registry = new RegistryService(clock, audit, hashGate, secrets);
  // Signing off a policy releases held cases, and cases read the policies: the callback breaks the cycle.
  let cases: CaseService | undefined;
  const policies = new PolicyService(db, clock, audit, (tx) => cases?.resumeHeld(tx) ?? Promise.resolve([]));
  cases = new CaseService(db, clock, audit, registry, policies);
  policies.requests = cases;
  const disclosureLog = new DisclosureLog(db, clock, transparencyLog);
  cases.feedListener = disclosureLog;
  policies.feedListener = disclosureLog;
  const productions = new ProductionService(clock, audit, disclosureLog, cases);
  cases.effects = productions;
  const reports = new ReportService(db, clock, audit, transparencyLog, config.logOrigin);
  const notices = new NoticeService(db, notifier);
  const preservations = new PreservationService(db, clock);
  cases.listeners.push(notices, preservations);
  const governance = {
    audit,
    access: new AccessService(db, clock, audit, hashGate, secrets),
    hashGate,
    registry,
    policies,
    cases,
    notices,
    preservations,
  };
  const apiDocument = openApiDocument();
  const handlers: Handlers = {
    health: async () => ({ status: 'ok', version }),
    ready: async () => readiness(db, fanout, transparencyLog),
    openapi: async () => apiDocument,
    ...accountRoutes(accounts),
    ...keyDirectoryRoutes(keyDirectory),
    ...authRoutes(auth),
    ...keyPackageRoutes(keyPackages),
    ...groupRoutes(groups),
    ...logRoutes(transparencyLog),
    ...govAccessRoutes(governance.access, governance.registry, new RevocationService(clock, audit)),
    ...agencyStandingRoutes(new AgencyStandingService(clock, audit)),
    ...totpResetRoutes(new TotpResetService(clock, audit, secrets)),
    ...govAuditRoutes(audit),
    ...govPolicyRoutes(policies),
    ...govCaseRoutes(cases),
    ...productionRoutes(productions),
    ...reportRoutes(reports),
    ...noticeRoutes(notices),
    ...catalogueRoutes(new CatalogueService(db)),
  };
  return {
    nodeId,
    db,
    fanout,
    clock,
    log,
    accounts,
    keyDirectory,
    auth,
    keyPackages,
    groups,
    transparencyLog,
    disclosureLog,
    reports,
    handlers,
    governance,
  };
}

function createTransparencyLog(config: ServerConfig, db: Db, clock: Clock, log: Log, key: LogKey) {
  const sequencer = new Sequencer(db, {
    origin: config.logOrigin,
    key,
    clock,
    batchSize: config.logBatchSize,
    checkpointIntervalMs: config.logCheckpointIntervalMs,
  });
  return new TransparencyLogService(db, clock, key, sequencer, config.logWitnesses, log);
}

/** The PostgreSQL (or Node) error code alone: a pg error object also carries the query and its parameters. */
function pgCode(error: Error): string {
  const code: unknown = Reflect.get(error, 'code');
  return typeof code === 'string' ? code : error.name;
}
