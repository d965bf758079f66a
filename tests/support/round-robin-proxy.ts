/**
 * A small reverse proxy on node:http standing in for the load balancer in front of several app instances:
 * round robin by default; a test may route requests itself (`route`) to prove that one instance's work is
 * seen by another. It appends the client's address to X-Forwarded-For (the app trusts one hop:
 * TRUSTED_PROXY_HOPS=1) and records which instance answered each request.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export type Backend = { name: string; port: number };
export type Served = { method: string; path: string; backend: string; status: number };

export type RoundRobinProxy = {
  url: string;
  served: Served[];
  /** Chooses the backend for a request; null: round robin over the backends. */
  route: ((req: http.IncomingMessage) => string | null) | null;
  /** Only these backends take requests (the others are "out of the pool"); all when empty. */
  only(names: string[]): void;
  close(): Promise<void>;
};

export async function startRoundRobinProxy(backends: Backend[], port: number): Promise<RoundRobinProxy> {
  let next = 0;
  let pool = backends;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const proxy: RoundRobinProxy = {
    url: `http://127.0.0.1:${port}`,
    served: [],
    route: null,
    only(names) {
      pool = names.length ? backends.filter((b) => names.includes(b.name)) : backends;
    },
    close: async () => {
      agent.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = http.createServer((req, res) => {
    const chosen = proxy.route?.(req) ?? null;
    const backend = (chosen && backends.find((b) => b.name === chosen)) || pool[next++ % pool.length];
    const forwardedFor = [req.headers["x-forwarded-for"], req.socket.remoteAddress].filter(Boolean).join(", ");
    const upstream = http.request(
      {
        host: "127.0.0.1",
        port: backend.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, "x-forwarded-for": forwardedFor, "x-forwarded-proto": "http", "x-forwarded-host": req.headers.host ?? "" },
        agent,
      },
      (up) => {
        proxy.served.push({ method: req.method ?? "", path: req.url ?? "", backend: backend.name, status: up.statusCode ?? 0 });
        res.writeHead(up.statusCode ?? 502, { ...up.headers, "x-served-by": backend.name });
        up.pipe(res);
      },
    );
    upstream.on("error", () => {
      proxy.served.push({ method: req.method ?? "", path: req.url ?? "", backend: backend.name, status: 502 });
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain; charset=utf-8" });
      res.end("bad gateway");
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r()));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
