import type { LedgerRef } from './bench-client.ts';
import { sourceAddress } from './http-json.ts';
import { FrameBudget, type LoadClient } from './load-client.ts';
import { decodeHeader, PayloadWriter } from './payload.ts';
import { attribute, childText, logIn, XmppStream } from './xmpp-stream.ts';

/** Where the XMPP server under test listens and which domains it serves. */
export type XmppServer = Readonly<{ port: number; domain: string; muc: string; register: boolean }>;

const password = 'bench-password';
const jid = (server: XmppServer, index: number) => `u${index}@${server.domain}`;

/**
 * One simulated XMPP device: a chat to its pair partner's bare JID (S1) or groupchat in a MUC room (S3).
 * XMPP has no server answer to a message (stream management is off), so a send is handed to the ledger as
 * stored at once, and counts as answered when the ledger sees it delivered to its whole audience.
 */
export class XmppClient implements LoadClient {
  readonly index: number;
  readonly #server: XmppServer;
  readonly #ledgers: LedgerRef;
  readonly #budget = new FrameBudget();
  #writer: PayloadWriter;
  #stream: XmppStream | undefined;
  #to: string;
  #type = 'chat';
  #counter = 0;
  #closing = false;
  outstanding = 0;
  droppedWith: number | undefined;
  onAnswer: (() => void) | undefined;
  /** Error stanzas (bounced messages) seen; the generator reports them as errors. */
  errors = 0;

  constructor(index: number, server: XmppServer, ledgers: LedgerRef) {
    this.index = index;
    this.#server = server;
    this.#ledgers = ledgers;
    this.#writer = new PayloadWriter(index);
    this.#to = jid(server, index ^ 1);
  }

  get connected(): boolean {
    return this.#stream?.open === true;
  }

  /** Opens a stream, registers on first use (where the server allows in-band registration), logs in. */
  async connect(): Promise<void> {
    this.#closing = false;
    const { port, domain, register } = this.#server;
    const stream = await XmppStream.open(port, domain, sourceAddress(this.index));
    stream.onClose = () => {
      if (!this.#closing) this.droppedWith = 1006;
    };
    await logIn(stream, domain, `u${this.index}`, password, register);
    stream.onStanza = (stanza) => this.#onStanza(stanza);
    this.#stream = stream;
  }

  #onStanza(stanza: string): void {
    if (!stanza.startsWith('<message')) return;
    if (attribute(stanza, 'type') === 'error') {
      this.errors += 1;
      return;
    }
    const body = childText(stanza, 'body');
    const header = body === undefined ? null : decodeHeader(body);
    if (header) this.#ledgers.current.received(header, this.index);
  }

  /** Joins `room` (creating it as an instant room if it is new) and resolves once the room has us in. */
  async join(room: string): Promise<void> {
    const stream = this.#stream;
    if (!stream) throw new Error('xmpp: join before connect');
    const self = `${room}/u${this.index}`;
    stream.write(
      `<presence to='${self}'><x xmlns='http://jabber.org/protocol/muc'><history maxstanzas='0'/></x></presence>`,
    );
    const presence = await stream.next((s) => s.startsWith('<presence') && attribute(s, 'from') === self);
    if (attribute(presence, 'type') === 'error')
      throw new Error(`xmpp: join ${room}: ${presence.slice(0, 300)}`);
    if (presence.includes("code='201'") || presence.includes('code="201"')) {
      await stream.iq(
        'cfg',
        `<iq type='set' id='cfg' to='${room}'><query xmlns='http://jabber.org/protocol/muc#owner'>` +
          "<x xmlns='jabber:x:data' type='submit'/></query></iq>",
      );
    }
  }

  sendTo(target: string, group: boolean): void {
    this.#to = target;
    this.#type = group ? 'groupchat' : 'chat';
  }

  setPayloadBytes(bytes: number): void {
    this.#writer = new PayloadWriter(this.index, bytes);
  }

  completed(): void {
    this.outstanding -= 1;
    this.onAnswer?.();
  }

  send(intendedAt: number): boolean {
    const stream = this.#stream;
    if (!stream?.open || !this.#budget.take()) return false;
    const ledger = this.#ledgers.current;
    const counter = this.#counter++;
    const id = `${ledger.scenario}-${this.index}-${counter}`;
    const payload = this.#writer.encode(ledger.scenario, counter, intendedAt);
    ledger.attempt(id, intendedAt);
    ledger.acknowledged(id);
    this.outstanding += 1;
    stream.write(
      `<message to='${this.#to}' type='${this.#type}' id='${id}'><body>${payload}</body></message>`,
    );
    return true;
  }

  resetCounter(): void {
    this.#counter = 0;
    this.outstanding = 0;
  }

  async close(): Promise<void> {
    this.#closing = true;
    await this.#stream?.close();
  }
}
