import { createServer, type Server } from 'node:http';
import { logResources, maxCheckpointBytes } from '@parley/protocol';
import type { Witness } from '@parley/sdk';

/** A running witness: its URL and how to stop it. */
export type WitnessServer = AsyncDisposable & Readonly<{ url: string; close: () => Promise<void> }>;

/** Serves c2sp.org/tlog-witness `add-checkpoint` over HTTP; every other path is 404. */
export async function serveWitness(
  witness: Witness,
  port: number,
  host = '127.0.0.1',
): Promise<WitnessServer> {
  const { addCheckpoint } = logResources;
  const server: Server = createServer((request, response) => {
    if (request.method !== addCheckpoint.method || request.url !== addCheckpoint.path) {
      response.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxCheckpointBytes + 4096) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      witness.addCheckpoint(Buffer.concat(chunks).toString('utf8')).then(
        (answer) =>
          response.writeHead(answer.status, { 'content-type': answer.contentType }).end(answer.body),
        () => response.writeHead(500).end(),
      );
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return { url: `http://${host}:${bound}`, close, [Symbol.asyncDispose]: close };
}
