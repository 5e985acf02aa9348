// What a sandboxed command granted network can and cannot reach, with real bubblewrap and real
// slirp4netns: never the host's loopback (PostgreSQL and Redis listen there with trust auth), neither
// directly nor through slirp's 10.0.2.2/10.0.2.3 aliases, nor link-local metadata addresses; yes a
// server on the host's non-loopback address (the stand-in for "the outside": no test uses the
// internet). Without network nothing is reachable. slirp4netns never outlives its command.
import { readdirSync, readFileSync } from "node:fs";
import net from "node:net";
import { networkInterfaces } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../env";
import { SLIRP4NETNS_PATH } from "./sandbox-network";
import { runInSandbox } from "./run-in-sandbox";
import { runWithoutHelper } from "./run-without-helper";
import { makeTempWorkspace, type TempWorkspace } from "./temp-workspace";

const OPEN = { mode: "open" } as const;
let ws: TempWorkspace;
const servers: net.Server[] = [];
const accepted = new Map<string, number>();

/** A TCP listener on the host that answers "hello" and counts who got through. */
async function listen(host: string): Promise<number> {
  const server = net.createServer((s) => {
    accepted.set(host, (accepted.get(host) ?? 0) + 1);
    s.on("error", () => {});
    s.end("hello from the host\n");
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, host, resolve));
  servers.push(server);
  return (server.address() as net.AddressInfo).port;
}

/** The host's first non-internal IPv4 address: what the sandbox reaches through slirp4netns. */
const outsideAddress = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address;

const portOf = (url: string, fallback: number) => Number(new URL(url).port || fallback);
const services = () => [
  { name: "PostgreSQL", port: portOf(env().DATABASE_URL, 5432), host: new URL(env().DATABASE_URL).hostname },
  { name: "Redis", port: portOf(env().REDIS_URL, 6379), host: new URL(env().REDIS_URL).hostname },
];

/** Connects from the host: the services really listen, so their being unreachable from the sandbox means something. */
const hostCanConnect = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(port, host);
    s.setTimeout(2000, () => (s.destroy(), resolve(false)));
    s.on("connect", () => (s.destroy(), resolve(true)));
    s.on("error", () => resolve(false));
  });

/**
 * One node process in the sandbox tries each host:port and prints "host:port RESULT" per line:
 * DATA:<first line> or CONNECTED (a silent server) when connected, else the error code or TIMEOUT.
 */
async function probe(targets: string[], open: boolean): Promise<Record<string, string>> {
  const script =
    `const net=require("net");(async()=>{for(const t of process.argv.slice(1)){const i=t.lastIndexOf(":");` +
    `const r=await new Promise(res=>{let up=false;const s=net.connect(+t.slice(i+1),t.slice(0,i));s.setTimeout(2000,()=>{s.destroy();res(up?"CONNECTED":"TIMEOUT")});` +
    `s.on("connect",()=>{up=true});s.on("data",d=>{s.destroy();res("DATA:"+String(d).trim())});s.on("error",e=>res(up?"CONNECTED":e.code))});console.log(t,r)}})()`;
  const r = await runInSandbox(ws.dir, { argv: ["node", "-e", script, ...targets], network: open ? OPEN : null, limits: { wallMs: 30_000 } });
  expect(r.stderr).toBe("");
  return Object.fromEntries(r.stdout.trim().split("\n").map((l) => [l.slice(0, l.indexOf(" ")), l.slice(l.indexOf(" ") + 1)]));
}

/** slirp4netns (and nsenter) processes this test process started and that are still alive. */
function ourNetworkHelpers(): string[] {
  const found: string[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(path.join("/proc", pid, "stat"), "utf8");
      const [, comm, rest] = stat.match(/^\d+ \((.*)\) (.*)$/s)!;
      const ppid = Number(rest!.split(" ")[1]);
      if (ppid === process.pid && (comm === "slirp4netns" || comm === "nsenter")) found.push(`${pid} ${comm}`);
    } catch {
      // the process ended while we looked
    }
  }
  return found;
}

beforeAll(async () => {
  ws = await makeTempWorkspace("fleetgate-net-");
});

afterAll(async () => {
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await ws.remove();
});

describe("open network", () => {
  it("cannot reach the host's PostgreSQL or Redis, on 127.0.0.1 or through slirp's 10.0.2.2 and 10.0.2.3", async () => {
    const targets: string[] = [];
    for (const s of services()) {
      expect(["127.0.0.1", "localhost"], `${s.name} is expected on the host's loopback`).toContain(s.host);
      expect(await hostCanConnect("127.0.0.1", s.port), `${s.name} listens on 127.0.0.1:${s.port} for the host`).toBe(true);
      targets.push(`127.0.0.1:${s.port}`, `10.0.2.2:${s.port}`, `10.0.2.3:${s.port}`);
    }
    const loopback = await listen("127.0.0.1");
    targets.push(`127.0.0.1:${loopback}`, `10.0.2.2:${loopback}`, `10.0.2.3:${loopback}`);
    const r = await probe(targets, true);
    expect(Object.keys(r)).toEqual(targets);
    for (const t of targets) {
      // 127.0.0.1 is the sandbox's own loopback (refused); slirp refuses 10.0.2.2 (host loopback
      // disabled) and forwards nothing but DNS to 10.0.2.3.
      expect(r[t], t).toMatch(t.startsWith("127.") ? /^ECONNREFUSED$/ : /^(ENETUNREACH|ECONNREFUSED|EHOSTUNREACH|TIMEOUT)$/);
    }
    expect(accepted.get("127.0.0.1") ?? 0).toBe(0);
  });

  it.skipIf(!outsideAddress)(
    `reaches a server on the host's non-loopback address ${outsideAddress ?? "(none: this machine has no non-internal IPv4 interface)"}`,
    async () => {
      const port = await listen(outsideAddress!);
      const r = await probe([`${outsideAddress}:${port}`], true);
      expect(r[`${outsideAddress}:${port}`]).toBe("DATA:hello from the host");
      expect(accepted.get(outsideAddress!)).toBe(1);
      const routes = await runInSandbox(ws.dir, { argv: ["cat", "/proc/net/route"], network: OPEN });
      expect(routes.stdout).toMatch(/^tap0\s+00000000\s+0202000A\s/m); // default route via slirp's 10.0.2.2
    },
  );

  it("cannot reach link-local addresses (cloud metadata services): the route is prohibited inside", async () => {
    const r = await probe(["169.254.169.254:80", "169.254.0.1:9"], true);
    expect(r["169.254.169.254:80"]).toBe("EACCES");
    expect(r["169.254.0.1:9"]).toBe("EACCES");
    const del = await runInSandbox(ws.dir, { argv: ["ip", "route", "del", "prohibit", "169.254.0.0/16"], network: OPEN });
    expect(del.exitCode).not.toBe(0); // no capabilities in the sandbox: the command cannot lift it
  });

  it("leaves no slirp4netns behind: after success, wall-time limit and cancel", async () => {
    expect(ourNetworkHelpers()).toEqual([]);
    const ok = await runInSandbox(ws.dir, { argv: ["true"], network: OPEN });
    expect(ok.exitCode).toBe(0);
    expect(ourNetworkHelpers()).toEqual([]);

    const slow = await runInSandbox(ws.dir, { argv: ["sleep", "30"], network: OPEN, limits: { wallMs: 1_500 } });
    expect(slow.limit).toBe("wall");
    expect(ourNetworkHelpers()).toEqual([]);

    const ac = new AbortController();
    const pending = runInSandbox(ws.dir, { argv: ["sleep", "30"], network: OPEN, signal: ac.signal });
    setTimeout(() => ac.abort("test"), 1_000);
    const cancelled = await pending;
    expect(cancelled.stderr).toContain("stopped because the run was cancelled");
    expect(cancelled.durationMs).toBeLessThan(25_000); // well before the 30 s sleep would end by itself
    expect(ourNetworkHelpers()).toEqual([]);
  });

  it("fails closed when slirp4netns is missing: the command does not run, on no network", async () => {
    const out = await runWithoutHelper(SLIRP4NETNS_PATH, ws, { mode: "open" });
    expect(out).toMatch(/^REFUSED unavailable sandbox network is unavailable: \/usr\/bin\/slirp4netns is missing \(install the Debian package "slirp4netns"\)/m);
    expect(() => readFileSync(path.join(ws.dir, "ran-anyway"))).toThrow();
  });
});

describe("no network", () => {
  it("reaches nothing: not the host's non-loopback address, not its loopback, not slirp's addresses", async () => {
    const targets = [`127.0.0.1:${services()[0]!.port}`, "10.0.2.2:80", "10.0.2.3:53"];
    if (outsideAddress) targets.push(`${outsideAddress}:${await listen(outsideAddress)}`);
    const before = accepted.get(outsideAddress ?? "") ?? 0;
    const r = await probe(targets, false);
    expect(r[targets[0]!]).toBe("ECONNREFUSED");
    for (const t of targets.slice(1)) expect(r[t], t).toBe("ENETUNREACH");
    expect(accepted.get(outsideAddress ?? "") ?? 0).toBe(before);
    const routes = await runInSandbox(ws.dir, { argv: ["cat", "/proc/net/route", "/etc/resolv.conf"] });
    expect(routes.stdout).not.toMatch(/tap0/);
    expect(routes.stderr).toMatch(/resolv\.conf: No such file/);
  });
});
