import type { RouteInput, RouteResponse } from '@parley/protocol';
import { signal } from '@preact/signals';
import { OfficerClient, type OfficerRoute } from './officer-client.ts';
import { OfficerError } from './officer-errors.ts';
import { OfficerSessionStore } from './officer-session.ts';
import { emptyDraft, type RequestDraft } from './request-draft.ts';

export type Acknowledgement = RouteResponse<'submitRequest'>;
export type CaseView = RouteResponse<'getCase'>;
export type Catalogue = RouteResponse<'catalogue'>;
export type ProductionPackage = RouteResponse<'downloadProduction'>;

/**
 * The authority portal's state and calls: the officer's session, the request being drafted (kept while the
 * officer moves between screens, so nothing typed is lost), the last acknowledgement, the data catalogue.
 * The server stores nothing for the portal beyond what the officer API already records.
 */
export class OfficerPortal {
  readonly session = new OfficerSessionStore();
  readonly draft = signal<RequestDraft>(emptyDraft());
  readonly lastAcknowledgement = signal<Acknowledgement | undefined>(undefined);
  readonly catalogue = signal<Catalogue | undefined>(undefined);
  readonly #client: OfficerClient;
  #draftOwner: string | undefined;

  constructor(origin: string) {
    this.#client = new OfficerClient(origin, () => this.session.token());
    this.#draftOwner = this.session.current.value?.email;
  }

  async signIn(email: string, password: string, totp: string): Promise<void> {
    const session = await this.#call('officerLogin', { body: { email, password, totp } });
    // A draft kept across an expired session is for the same officer only.
    if (this.#draftOwner !== email) this.draft.value = emptyDraft();
    this.#draftOwner = email;
    this.session.start({ token: session.token, expiresAt: session.expiresAt, email });
  }

  /**
   * Ends the session on the server too. The page forgets the token whatever that call answers: an expired
   * session or a lost connection must not keep an officer signed in on a shared screen.
   */
  async signOut(): Promise<void> {
    await this.#client.call('govLogout').catch(() => undefined);
    this.session.end();
    this.draft.value = emptyDraft();
    this.lastAcknowledgement.value = undefined;
  }

  async loadCatalogue(): Promise<void> {
    this.catalogue.value ??= await this.#call('catalogue');
  }

  async submit(body: RouteInput<'submitRequest'>['body']): Promise<Acknowledgement> {
    const ack = await this.#call('submitRequest', { body });
    this.lastAcknowledgement.value = ack;
    this.draft.value = emptyDraft();
    return ack;
  }

  async cases(): Promise<readonly CaseView[]> {
    return (await this.#call('listCases', { query: { limit: 500 } })).cases;
  }

  getCase(reference: string): Promise<CaseView> {
    return this.#call('getCase', { params: { reference } });
  }

  act(reference: string, body: RouteInput<'actOnCase'>['body']): Promise<CaseView> {
    return this.#call('actOnCase', { params: { reference }, body });
  }

  download(reference: string): Promise<ProductionPackage> {
    return this.#call('downloadProduction', { params: { reference } });
  }

  async #call<N extends OfficerRoute>(
    name: N,
    input: Partial<RouteInput<N>> = {},
  ): Promise<RouteResponse<N>> {
    try {
      return await this.#client.call(name, input);
    } catch (caught) {
      const error = OfficerError.from(caught);
      if (error instanceof OfficerError && error.code === 'unauthenticated' && name !== 'officerLogin')
        this.session.expire();
      throw error;
    }
  }
}
