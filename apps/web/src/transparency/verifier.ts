import { signal } from '@preact/signals';
import type { LocalVerifierStore } from './verifier-store.ts';
import type { AuditMessage, AuditRequest, AuditSummary } from './verify-messages.ts';
import workerUrl from './verify-worker.ts?worker&url';

export type Verdict =
  | Readonly<{ phase: 'idle' }>
  | Readonly<{ phase: 'running'; entries: number; size: number | undefined }>
  | Readonly<{ phase: 'verified'; summary: AuditSummary; previousSize: number | undefined }>
  | Readonly<{ phase: 'failed'; problem: string; message: string }>;

export type ReportVerdict = Readonly<{
  state: 'verified' | 'failed' | 'unchecked' | 'running';
  text: string;
}>;

/**
 * The in-browser verifier: runs the sdk's `auditLog` in a worker against this origin's log, starting from
 * the state kept in this browser, and keeps the new state only when everything verified.
 */
export class BrowserVerifier {
  readonly verdict = signal<Verdict>({ phase: 'idle' });
  readonly #origin: string;
  readonly #store: LocalVerifierStore;
  #running: Promise<AuditSummary | undefined> | undefined;

  constructor(origin: string, store: LocalVerifierStore) {
    this.#origin = origin;
    this.#store = store;
  }

  /** Verifies the whole log and every report; with claims, answers them too. One run at a time. */
  async run(claims: readonly string[] = []): Promise<AuditSummary | undefined> {
    // A run without claims answers a plain request; claims need their own run once the current one ends.
    while (this.#running !== undefined) {
      const current = await this.#running;
      if (claims.length === 0) return current;
    }
    this.#running = this.#run(claims).finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #run(claims: readonly string[]): Promise<AuditSummary | undefined> {
    this.verdict.value = { phase: 'running', entries: 0, size: undefined };
    let previous: Awaited<ReturnType<LocalVerifierStore['load']>>;
    try {
      previous = await this.#store.load();
    } catch (error) {
      this.verdict.value = {
        phase: 'failed',
        problem: 'state',
        message: `this browser's saved state: ${text(error)}`,
      };
      return undefined;
    }
    const message = await this.#audit({ origin: this.#origin, previous, claims: [...claims] });
    if (message.type === 'failed') {
      this.verdict.value = { phase: 'failed', problem: message.problem, message: message.message };
      return undefined;
    }
    await this.#store.save(message.summary.state);
    this.verdict.value = { phase: 'verified', summary: message.summary, previousSize: previous?.size };
    return message.summary;
  }

  #audit(request: AuditRequest): Promise<Exclude<AuditMessage, { type: 'progress' }>> {
    return new Promise((resolve) => {
      const worker = startWorker();
      worker.addEventListener('message', (event: MessageEvent<AuditMessage>) => {
        const m = event.data;
        if (m.type === 'progress') {
          this.verdict.value = { phase: 'running', entries: m.entries, size: m.size };
          return;
        }
        worker.terminate();
        resolve(m);
      });
      worker.addEventListener('error', (event) => {
        worker.terminate();
        resolve({ type: 'failed', problem: 'error', message: `the verifier stopped: ${event.message}` });
      });
      worker.postMessage(request);
    });
  }
}

type PolicyFactory = Readonly<{
  createPolicy: (
    name: string,
    rules: Readonly<{ createScriptURL: (url: string) => string }>,
  ) => Readonly<{ createScriptURL: (url: string) => unknown }>;
}>;

const isPolicyFactory = (value: unknown): value is PolicyFactory =>
  typeof value === 'object' && value !== null && typeof Reflect.get(value, 'createPolicy') === 'function';

/**
 * The CSP requires Trusted Types for script URLs, and a Worker's URL is one: a policy that admits exactly the
 * verifier script Vite built, nothing else.
 */
function startWorker(): Worker {
  const factory: unknown = Reflect.get(globalThis, 'trustedTypes');
  const scriptUrl = isPolicyFactory(factory)
    ? factory
        .createPolicy('parley-verifier', {
          createScriptURL: (url) => {
            if (url !== workerUrl) throw new Error(`refusing worker script ${url}`);
            return url;
          },
        })
        .createScriptURL(workerUrl)
    : workerUrl;
  const worker: unknown = Reflect.construct(Worker, [scriptUrl]);
  if (!(worker instanceof Worker)) throw new Error('cannot start the verifier worker');
  return worker;
}

const text = (error: unknown) => (error instanceof Error ? error.message : String(error));
