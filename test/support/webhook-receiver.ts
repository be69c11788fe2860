import http, { type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: IncomingHttpHeaders; body: string };
/** What the receiver answers to the n-th request (0-based): a status and body, or no answer at all. */
export type Responder = (n: number, req: Received) => { status: number; body?: string } | "hang";

/**
 * A real HTTP server on an ephemeral port of 127.0.0.1 that records every request it gets, for
 * webhook tests (integration and browser).
 */
export async function startReceiver(respond: Responder = () => ({ status: 200, body: "ok" })) {
  const received: Received[] = [];
  const hanging = new Set<http.ServerResponse>();
  let responder = respond;
  const waiters: (() => void)[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      const n = received.push(r) - 1;
      for (const w of waiters.splice(0)) w();
      const answer = responder(n, r);
      if (answer === "hang") {
        hanging.add(res);
        return;
      }
      res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    respondWith(next: Responder) {
      responder = next;
    },
    /** Resolves once at least `count` requests have arrived. */
    async waitFor(count: number) {
      while (received.length < count) await new Promise<void>((r) => waiters.push(r));
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
