// The egress proxy of one sandboxed command granted a host-limited profile (egress-rules.ts). The
// sandbox has no route out at all; its only way out is this HTTP proxy, reached over a Unix socket
// bound into the sandbox and bridged to 127.0.0.1:3128 there (bwrap-args.ts), which HTTP(S)_PROXY
// points at. It tunnels CONNECT and forwards plain http requests, each only when:
//   - host:port is one of the profile's rules (the name as the client gave it);
//   - every address the name resolves to is public, or inside SANDBOX_EGRESS_TRUSTED_CIDRS (an
//     internal registry mirror); loopback, private and link-local otherwise never;
//   - and then it connects to the address it vetted, so a name cannot be re-pointed in between.
// Every destination asked for is recorded, allowed or refused, for the tool call's record.
// Written here rather than taken from a proxy library: the libraries resolve names themselves when
// they connect, which would undo the address check above.
import { lookup } from "node:dns/promises";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import net, { type BlockList } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Duplex } from "node:stream";
import { classifyAddress } from "../webhooks/url-policy";
import { hostAllowed, type NetworkGrant } from "../policy/egress-rules";

const CONNECT_TIMEOUT_MS = 10_000;
const MAX_OPEN = 64;
const MAX_RECORDED = 50;

export type EgressAttempt = { destination: string; allowed: boolean; reason?: string; count: number };

export type EgressProxy = {
  socketPath: string;
  /** Destinations asked for, in first-asked order. */
  attempts(): EgressAttempt[];
  close(): Promise<void>;
};

type ProxyGrant = Extract<NetworkGrant, { mode: "proxy" }>;

export async function startEgressProxy(grant: ProxyGrant, trusted: BlockList | null): Promise<EgressProxy> {
  const dir = await mkdtemp(path.join(tmpdir(), "fleetgate-egress-"));
  await chmod(dir, 0o711); // the sandbox's host uid must reach the socket; nobody may list the directory
  const socketPath = path.join(dir, "egress.sock");
  const seen = new Map<string, EgressAttempt>();
  const open = new Set<Duplex>();

  const record = (destination: string, allowed: boolean, reason?: string) => {
    const a = seen.get(destination);
    if (a) a.count++;
    else if (seen.size < MAX_RECORDED) seen.set(destination, { destination, allowed, ...(reason ? { reason } : {}), count: 1 });
  };

  /** The address to connect to, or why not. */
  const vet = async (host: string, port: number): Promise<{ address: string } | { refused: string }> => {
    if (!hostAllowed(grant.hosts, host, port)) return { refused: `not a destination the ${grant.profile} egress profile allows` };
    let addresses: string[];
    try {
      addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true, family: 4 })).map((a) => a.address);
    } catch (e) {
      return { refused: `${host} could not be resolved (${(e as NodeJS.ErrnoException).code ?? "error"})` };
    }
    const bad = addresses.find((a) => classifyAddress(a) !== "public" && !trusted?.check(a, "ipv4"));
    if (bad || addresses.length === 0) return { refused: `${host} resolves to ${bad ?? "nothing"}, a ${bad ? classifyAddress(bad) : "missing"} address the sandbox may not reach` };
    return { address: addresses[0]! };
  };

  const track = (s: Duplex) => {
    open.add(s);
    s.once("close", () => open.delete(s));
  };

  const server = http.createServer(async (req, res) => {
    const target = parseAbsolute(req.url ?? "");
    if (!target) return deny(res, 400, "this is Fleetgate's egress proxy: send an absolute http:// URL or CONNECT host:port");
    const v = await vet(target.hostname, target.port);
    record(`${target.hostname}:${target.port}`, "address" in v, "refused" in v ? v.refused : undefined);
    if ("refused" in v) return deny(res, 403, `${target.hostname}:${target.port} refused: ${v.refused}`);
    const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !k.startsWith("proxy-")));
    // agent: false: no socket outlives this request (the proxy lives as long as one command).
    const upstream = http.request({ host: v.address, port: target.port, method: req.method, path: target.path, headers, timeout: CONNECT_TIMEOUT_MS, agent: false }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on("timeout", () => upstream.destroy(new Error("timed out")));
    upstream.on("error", (e) => (res.headersSent ? res.destroy() : deny(res, 502, `${target.hostname}:${target.port} could not be reached: ${e.message}`)));
    res.once("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on("connection", (s) => {
    if (open.size >= MAX_OPEN) return s.destroy();
    track(s);
  });
  server.on("connect", async (req, client: Duplex, head: Buffer) => {
    client.on("error", () => {});
    const m = /^([^:\s]+):(\d{1,5})$/.exec(req.url ?? "");
    const port = Number(m?.[2]);
    if (!m || port < 1 || port > 65535) return refuseTunnel(client, 400, `CONNECT needs host:port, not ${JSON.stringify(req.url ?? "").slice(0, 100)}`);
    const host = m[1]!.toLowerCase();
    const v = await vet(host, port);
    record(`${host}:${port}`, "address" in v, "refused" in v ? v.refused : undefined);
    if ("refused" in v) return refuseTunnel(client, 403, `${host}:${port} refused: ${v.refused}`);
    const upstream = net.connect({ host: v.address, port, timeout: CONNECT_TIMEOUT_MS });
    track(upstream);
    upstream.once("timeout", () => upstream.destroy(new Error("timed out")));
    let connected = false;
    upstream.once("connect", () => {
      connected = true;
      upstream.setTimeout(0);
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on("error", (e) => (connected ? client.destroy() : refuseTunnel(client, 502, `${host}:${port} could not be reached: ${e.message}`)));
    client.once("close", () => upstream.destroy());
  });

  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socketPath, resolve));
  await chmod(socketPath, 0o666);

  return {
    socketPath,
    attempts: () => [...seen.values()].map((a) => ({ ...a })),
    async close() {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function parseAbsolute(raw: string): { hostname: string; port: number; path: string } | null {
  try {
    const u = new URL(raw);
    if (u.protocol !== "http:" || !raw.startsWith("http://")) return null;
    return { hostname: u.hostname.toLowerCase(), port: Number(u.port || 80), path: `${u.pathname}${u.search}` };
  } catch {
    return null;
  }
}

function deny(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" }).end(`Fleetgate egress proxy: ${message}\n`);
}

function refuseTunnel(client: Duplex, status: number, message: string): void {
  const body = `Fleetgate egress proxy: ${message}\n`;
  const reason = status === 403 ? "Forbidden" : status === 400 ? "Bad Request" : "Bad Gateway";
  client.end(`HTTP/1.1 ${status} ${reason}\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
}
