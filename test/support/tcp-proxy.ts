import { createServer, type Server, Socket } from "node:net";

import { freePort } from "./services";

/** How the proxy treats its connections: `pass` forwards, `stall` holds every byte (both ways, new connections too), `cut` resets them. */
export type ProxyMode = "pass" | "stall" | "cut";

/**
 * A TCP proxy on a loopback port in front of `target` (a test's Postgres, Meilisearch or SMTP server) that a test can
 * stall — connections stay open and nothing moves, as a partitioned network or a hung server looks — or cut.
 * What a stall held is delivered when it passes again.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<{
  port: number;
  url: (scheme: string, path?: string) => string;
  setMode: (mode: ProxyMode) => void;
  connections: () => number;
  stop: () => Promise<void>;
}> {
  let mode: ProxyMode = "pass";
  const pairs = new Set<{ client: Socket; upstream: Socket; held: (() => void)[] }>();
  const server: Server = createServer((client) => {
    if (mode === "cut") return client.resetAndDestroy();
    const upstream = new Socket();
    const pair = { client, upstream, held: [] as (() => void)[] };
    pairs.add(pair);
    const forward = (from: Socket, to: Socket) =>
      from.on("data", (chunk: Buffer) => {
        const send = () => {
          if (!to.destroyed) to.write(chunk);
        };
        if (mode === "stall" || pair.held.length > 0) pair.held.push(send);
        else send();
      });
    forward(client, upstream);
    forward(upstream, client);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    upstream.connect(target.port, target.host);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    url: (scheme, path = "") => `${scheme}://127.0.0.1:${port}${path}`,
    setMode(next) {
      mode = next;
      if (next === "cut") for (const p of [...pairs]) p.client.resetAndDestroy();
      if (next === "pass")
        for (const p of pairs) {
          const held = p.held.splice(0);
          for (const send of held) send();
        }
    },
    connections: () => pairs.size,
    stop: async () => {
      for (const p of [...pairs]) {
        p.client.destroy();
        p.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
