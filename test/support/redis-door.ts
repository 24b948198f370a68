// A Redis address whose behaviour a test switches: nothing listening (`closed`), a server that accepts the
// connection, reads, and never answers (`mute`), or a plain TCP pipe to the real test Redis (`open`).
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './app-process.js';

export type DoorState = 'closed' | 'mute' | 'open';

export interface RedisDoor {
  port: number;
  url(password?: string): string;
  set(state: DoorState): Promise<void>;
  close(): Promise<void>;
}

export async function redisDoor(realRedisUrl?: string): Promise<RedisDoor> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let state: DoorState = 'closed';
  let server: Server | undefined;

  const onConnection = (client: Socket) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (state !== 'open' || !realRedisUrl) return void client.on('data', () => {}); // mute: read, say nothing
    const real = new URL(realRedisUrl);
    const upstream = createConnection({ host: real.hostname, port: Number(real.port || 6379) });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream).pipe(client);
  };

  const dropAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };

  async function set(next: DoorState) {
    dropAll();
    state = next;
    if (next === 'closed' && server) {
      await new Promise((r) => server!.close(r));
      server = undefined;
    } else if (next !== 'closed' && !server) {
      server = createServer(onConnection);
      await new Promise<void>((r) => server!.listen(port, '127.0.0.1', r));
    }
  }

  return {
    port,
    url: (password) => `redis://${password ? `:${password}@` : ''}127.0.0.1:${port}`,
    set,
    close: () => set('closed'),
  };
}
