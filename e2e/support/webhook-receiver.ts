// A webhook receiver on loopback (node:http, random port) for the integration and e2e tiers: it
// keeps every request it gets (headers and the raw body, which the signature covers) and answers
// with the status the test chooses.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export type Received = { headers: IncomingHttpHeaders; body: string; path: string; at: number };

export type WebhookReceiver = {
  url: string;
  received: Received[];
  /** The status for the n-th request (1-based); 204 by default. */
  respondWith: (status: number | ((n: number) => number)) => void;
  /** Resolves with the first request (old or new) the predicate accepts. */
  waitFor: (pred: (r: Received) => boolean, timeoutMs?: number) => Promise<Received>;
  close: () => Promise<void>;
};

export async function startWebhookReceiver(path = "/hook"): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let status: number | ((n: number) => number) = 204;
  const waiters: { pred: (r: Received) => boolean; resolve: (r: Received) => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r: Received = { headers: req.headers, body: Buffer.concat(chunks).toString("utf8"), path: req.url ?? "", at: Date.now() };
      received.push(r);
      const code = typeof status === "function" ? status(received.length) : status;
      res.writeHead(code, { "content-type": "text/plain" }).end(code >= 300 ? `receiver says no (${code})` : "");
      for (const w of [...waiters]) {
        if (w.pred(r)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(r);
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    respondWith: (s) => void (status = s),
    waitFor: (pred, timeoutMs = 20_000) => {
      const seen = received.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise<Received>((resolve, reject) => {
        const w = { pred, resolve: (r: Received) => { clearTimeout(timer); resolve(r); } };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(w), 1);
          reject(new Error(`the webhook receiver got no matching request within ${timeoutMs} ms (${received.length} received)`));
        }, timeoutMs);
        waiters.push(w);
      });
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
