/**
 * The floor to compare Parley with: a bare `ws` JSON relay with no accounts, no authentication, no storage
 * and no ordering guarantees beyond TCP's. It speaks just enough of Parley's frames for the same generator:
 * `auth` names the device's group (the token is the group id), `send` is answered with `sent` and forwarded
 * as `message` to the group's other member, `ack` is ignored.
 */
import { parseArgs } from 'node:util';
import { type WebSocket, WebSocketServer } from 'ws';

const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
const groups = new Map<string, Set<WebSocket>>();
const seqs = new Map<string, number>();

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(values.port), perMessageDeflate: false });

type Frame = { type?: unknown; token?: unknown; id?: unknown; groupId?: unknown; payload?: unknown };

wss.on('connection', (ws) => {
  let group: string | undefined;
  ws.on('message', (data: Buffer) => {
    let frame: Frame;
    try {
      frame = JSON.parse(data.toString('utf8'));
    } catch {
      return;
    }
    if (frame.type === 'auth' && typeof frame.token === 'string' && group === undefined) {
      group = frame.token;
      const members = groups.get(group) ?? new Set<WebSocket>();
      groups.set(group, members.add(ws));
      ws.send('{"type":"synced"}');
      return;
    }
    if (frame.type !== 'send' || typeof frame.groupId !== 'string' || frame.groupId !== group) return;
    const seq = (seqs.get(group) ?? 0) + 1;
    seqs.set(group, seq);
    const out = JSON.stringify({
      type: 'message',
      message: { groupId: group, seq, kind: 'application', epoch: 0, payload: frame.payload },
    });
    for (const member of groups.get(group) ?? []) if (member !== ws) member.send(out);
    ws.send(JSON.stringify({ type: 'sent', id: frame.id, groupId: group, seq }));
  });
  ws.on('close', () => {
    if (group !== undefined) groups.get(group)?.delete(ws);
  });
  ws.on('error', () => ws.terminate());
});

wss.on('listening', () => {
  const address = wss.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ event: 'server.listening', port })}\n`);
});

const stop = () => wss.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
