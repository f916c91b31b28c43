import { connect, type Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';

/**
 * A minimal XMPP client stream (RFC 6120) over plain TCP on loopback: stream headers, in-band registration
 * (XEP-0077), SASL PLAIN, resource binding, and top-level stanzas handed out as text.
 *
 * Why not `@xmpp/client`: the bench may not add packages to the root workspace, and the generator shares two
 * cores with the server, so it must not parse every stanza into a tree (ltx) when it only needs one body.
 * The splitter assumes what ejabberd and Prosody send: no CDATA, no comments, and `>` escaped in attributes.
 */
export class XmppStream {
  readonly #socket: Socket;
  readonly #decoder = new StringDecoder('utf8');
  #buffer = '';
  #position = 0;
  #start = 0;
  #depth = 0;
  #waiters: { match: (stanza: string) => boolean; resolve: (stanza: string) => void }[] = [];
  #closedWith: Error | undefined;
  /** Every stanza nobody waits for. */
  onStanza: ((stanza: string) => void) | undefined;
  /** The stream ended or the socket closed. */
  onClose: ((error: Error) => void) | undefined;

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#read(this.#decoder.write(chunk)));
    socket.on('error', (error) => this.#close(error));
    socket.on('close', () => this.#close(new Error('connection closed')));
  }

  /** Opens a TCP connection from `localAddress` and the first stream header; resolves on its features. */
  static async open(port: number, domain: string, localAddress: string): Promise<XmppStream> {
    const socket = connect({ host: '127.0.0.1', port, localAddress });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const stream = new XmppStream(socket);
    await stream.restart(domain);
    return stream;
  }

  get open(): boolean {
    return this.#closedWith === undefined;
  }

  write(text: string): void {
    if (this.#closedWith === undefined) this.#socket.write(text);
  }

  /** Sends a new stream header (at the start and after SASL) and waits for the server's features. */
  async restart(domain: string): Promise<string> {
    this.#depth = 0;
    this.write(
      `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' ` +
        `xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`,
    );
    return this.next((s) => s.startsWith('<stream:features'));
  }

  /** The next stanza that `match` accepts (bounded: the whole setup times out, not each step). */
  next(match: (stanza: string) => boolean, timeoutMs = 30_000): Promise<string> {
    if (this.#closedWith) return Promise.reject(this.#closedWith);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('xmpp: no answer in time')), timeoutMs);
      this.#waiters.push({
        match,
        resolve: (stanza) => {
          clearTimeout(timer);
          if (stanza === '') reject(this.#closedWith ?? new Error('xmpp: stream closed'));
          else resolve(stanza);
        },
      });
    });
  }

  /** Sends an iq and waits for the answer with the same id; rejects on type='error'. */
  async iq(id: string, xml: string): Promise<string> {
    this.write(xml);
    const answer = await this.next((s) => s.startsWith('<iq') && attribute(s, 'id') === id);
    if (attribute(answer, 'type') === 'error')
      throw new Error(`xmpp iq ${id} failed: ${answer.slice(0, 300)}`);
    return answer;
  }

  /** Ends the stream politely and waits (at most 5 s) for the socket to close. */
  async close(): Promise<void> {
    if (this.#closedWith) return;
    const closed = new Promise<void>((resolve) => this.#socket.once('close', () => resolve()));
    this.write('</stream:stream>');
    this.#socket.end();
    const timer = setTimeout(() => this.#socket.destroy(), 5000);
    await closed;
    clearTimeout(timer);
  }

  #close(error: Error): void {
    if (this.#closedWith) return;
    this.#closedWith = error;
    for (const waiter of this.#waiters.splice(0)) waiter.resolve('');
    this.#socket.destroy();
    this.onClose?.(error);
  }

  /** Splits the byte stream into top-level stanzas by tag depth (the stream element is depth 1). */
  #read(text: string): void {
    this.#buffer += text;
    const buffer = this.#buffer;
    let position = this.#position;
    for (;;) {
      const lt = buffer.indexOf('<', position);
      if (lt < 0) break;
      const gt = buffer.indexOf('>', lt);
      if (gt < 0) break;
      position = gt + 1;
      const second = buffer.charCodeAt(lt + 1);
      if (second === 63 /* ? */) continue;
      if (this.#depth === 0) {
        // The server's stream header: everything after it is stanzas.
        this.#depth = 1;
        continue;
      }
      if (this.#depth === 1) this.#start = lt;
      if (second === 47 /* / */) this.#depth -= 1;
      else if (buffer.charCodeAt(gt - 1) !== 47) this.#depth += 1;
      if (this.#depth === 1) this.#deliver(buffer.slice(this.#start, position));
      else if (this.#depth === 0) {
        this.#close(new Error('stream closed by the server'));
        return;
      }
    }
    const keepFrom = this.#depth > 1 ? this.#start : position;
    this.#buffer = buffer.slice(keepFrom);
    this.#position = position - keepFrom;
    this.#start -= keepFrom;
  }

  #deliver(stanza: string): void {
    const index = this.#waiters.findIndex((w) => w.match(stanza));
    const waiter = index >= 0 ? this.#waiters.splice(index, 1)[0] : undefined;
    if (waiter) waiter.resolve(stanza);
    else this.onStanza?.(stanza);
  }
}

/** The value of attribute `name` on the stanza's opening tag, either quote style. */
export function attribute(stanza: string, name: string): string | undefined {
  const end = stanza.indexOf('>');
  const tag = stanza.slice(0, end < 0 ? stanza.length : end);
  for (const quote of ["'", '"']) {
    const key = ` ${name}=${quote}`;
    const at = tag.indexOf(key);
    if (at >= 0) {
      const from = at + key.length;
      return tag.slice(from, tag.indexOf(quote, from));
    }
  }
  return undefined;
}

/** The text of the first `<name>…</name>` child, or undefined. */
export function childText(stanza: string, name: string): string | undefined {
  const open = stanza.indexOf(`<${name}>`);
  if (open < 0) return undefined;
  const from = open + name.length + 2;
  const close = stanza.indexOf(`</${name}>`, from);
  return close < 0 ? undefined : stanza.slice(from, close);
}

/** Registers (XEP-0077; an existing account is fine), then logs in with SASL PLAIN and binds a resource. */
export async function logIn(
  stream: XmppStream,
  domain: string,
  user: string,
  password: string,
  register: boolean,
): Promise<void> {
  if (register) {
    stream.write(
      `<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>${user}</username>` +
        `<password>${password}</password></query></iq>`,
    );
    const answer = await stream.next((s) => s.startsWith('<iq') && attribute(s, 'id') === 'reg');
    if (attribute(answer, 'type') === 'error' && !answer.includes('<conflict'))
      throw new Error(`xmpp registration of ${user} failed: ${answer.slice(0, 300)}`);
  }
  const plain = Buffer.from(`\u0000${user}\u0000${password}`).toString('base64');
  stream.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`);
  const outcome = await stream.next((s) => s.startsWith('<success') || s.startsWith('<failure'));
  if (!outcome.startsWith('<success')) throw new Error(`xmpp login of ${user} failed: ${outcome}`);
  await stream.restart(domain);
  await stream.iq(
    'bind',
    "<iq type='set' id='bind'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>b</resource></bind></iq>",
  );
  // Available presence: without it ejabberd treats the account as offline and stores messages.
  stream.write('<presence/>');
}
