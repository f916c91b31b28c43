import { WebSocket } from 'ws';
import type { SocketFactory } from './socket-port.ts';

/** Node 20 has no global WebSocket: this adapter supplies one from `ws`. */
export const nodeSocketFactory: SocketFactory = (url, handlers) => {
  const ws = new WebSocket(url);
  ws.on('open', () => handlers.onOpen());
  ws.on('message', (data, isBinary) => {
    if (!isBinary) handlers.onMessage(data.toString());
  });
  ws.on('close', (code, reason) => handlers.onClose(code, reason.toString()));
  ws.on('error', () => undefined);
  return {
    send: (text) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(text);
    },
    close: (code, reason) => {
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(code, reason);
    },
  };
};
