/** Dependency direction between workspaces (docs/ARCHITECTURE.md). Each rule says why it exists. */
const pkg = (name) => `^packages/${name}/`;
const app = (name) => `^apps/${name}/`;
const only = (from, allowed, why) => ({
  name: `${from
    .replace(/[^a-z/-]/g, '')
    .replace(/\/$/, '')
    .replace('/', '-')}-deps`,
  severity: 'error',
  comment: why,
  from: { path: from },
  to: { path: '^(packages|apps)/', pathNot: [from, ...allowed] },
});

module.exports = {
  forbidden: [
    only(
      pkg('protocol'),
      [],
      'protocol is the wire contract every side shares: it may depend on no other workspace.',
    ),
    only(
      pkg('crypto'),
      [],
      'crypto wraps the MLS library; keeping it standalone keeps the audited surface small.',
    ),
    only(
      pkg('merkle-log'),
      [],
      'merkle-log is used by the server, CLI and browser verifiers alike: it stands alone.',
    ),
    only(
      pkg('key-directory'),
      [pkg('merkle-log')],
      'the key directory is verified by clients, auditors and the server alike: it builds only on the log, so verifying a lookup never needs server or client code.',
    ),
    only(
      pkg('governance'),
      [pkg('protocol'), pkg('merkle-log')],
      'governance is pure domain logic over the protocol and log.',
    ),
    only(
      pkg('sdk'),
      [pkg('protocol'), pkg('crypto'), pkg('merkle-log'), pkg('key-directory'), pkg('governance')],
      'the sdk is a client: it must never import server code. It may use the pure governance domain, because recomputing reports and checking request chains from the log is the point of its verifier, and the key directory, because every lookup it trusts is verified there.',
    ),
    only(
      app('server'),
      [pkg('protocol'), pkg('merkle-log'), pkg('key-directory'), pkg('governance'), pkg('crypto')],
      'the server never imports client code (sdk) so it cannot come to hold client secrets.',
    ),
    only(
      app('web'),
      [pkg('sdk'), pkg('protocol')],
      'the web app talks to the server only through the sdk (MLS, keys and log verification all live there), so the page holds no second copy of any protocol logic.',
    ),
    {
      name: 'no-node-builtins-in-web',
      severity: 'error',
      comment: 'apps/web/src runs in the browser: node:* is only for its build scripts and vite config.',
      from: { path: '^apps/web/src/' },
      to: { dependencyTypes: ['core'] },
    },
    only(
      app('cli'),
      [pkg('sdk'), pkg('protocol'), app('server'), pkg('merkle-log')],
      'the CLI is a client plus `parley serve`.',
    ),
    only(
      pkg('testkit'),
      [app('server'), pkg('sdk'), pkg('protocol'), pkg('crypto')],
      'testkit wires real server and clients for tests.',
    ),
    {
      name: 'no-node-builtins-in-libraries',
      severity: 'error',
      comment:
        'libraries are isomorphic: node:* only in files named *.node.ts (browser code in *.browser.ts).',
      from: {
        path: '^packages/(protocol|crypto|merkle-log|key-directory|governance|sdk)/src/',
        pathNot: ['\\.node\\.ts$', '\\.test\\.ts$'],
      },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'no-test-code-in-production',
      severity: 'error',
      comment: 'production code must not import tests or the testkit.',
      from: { path: '^(packages|apps)/[^/]+/src/', pathNot: ['\\.test\\.ts$', '^packages/testkit/'] },
      to: { path: ['\\.test\\.ts$', '^packages/testkit/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'cycles make module boundaries meaningless.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(dist|dist-types)/' },
    tsConfig: { fileName: 'tsconfig.base.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
