/** What the session needs from a WebSocket; each runtime supplies an adapter (browser global, `ws` in Node). */
export type SocketHandlers = Readonly<{
  onOpen: () => void;
  onMessage: (text: string) => void;
  onClose: (code: number, reason: string) => void;
}>;

export type SocketConnection = Readonly<{
  send: (text: string) => void;
  close: (code: number, reason: string) => void;
}>;

export type SocketFactory = (url: string, handlers: SocketHandlers) => SocketConnection;

/** Structural view of the standard WebSocket class, shared by browsers and `ws`. */
type StandardWebSocket = {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: unknown;
  onmessage: unknown;
  onclose: unknown;
  onerror: unknown;
};
type StandardWebSocketClass = new (url: string) => StandardWebSocket;

/** Adapts a standard `WebSocket` constructor (the browser's, or the global one when a runtime has it). */
export function standardSocketFactory(WebSocketClass: StandardWebSocketClass): SocketFactory {
  return (url, handlers) => {
    const ws = new WebSocketClass(url);
    ws.onopen = () => handlers.onOpen();
    ws.onmessage = (event: { data: unknown }) => {
      if (typeof event.data === 'string') handlers.onMessage(event.data);
    };
    ws.onclose = (event: { code: number; reason: string }) => handlers.onClose(event.code, event.reason);
    ws.onerror = () => undefined;
    return { send: (text) => ws.send(text), close: (code, reason) => ws.close(code, reason) };
  };
}

/** The runtime's global WebSocket, when it has one (browsers, Node 22+). */
export function globalSocketFactory(): SocketFactory | undefined {
  const candidate: unknown = Reflect.get(globalThis, 'WebSocket');
  if (typeof candidate !== 'function') return undefined;
  // A global named WebSocket is the standard class in every runtime that defines one.
  return standardSocketFactory(candidate as StandardWebSocketClass);
}
