// Host-limited egress (package_registries, allowlist) with real bubblewrap, socat and the egress
// proxy: the sandbox has no route out, only the proxy, which lets through exactly the profile's
// destinations, never to a loopback or private address unless that network is trusted, and tells
// the command (and the record) what it refused. "The outside" is a server on the host's
// non-loopback address (a reserved one here, so it is trusted explicitly): no test uses the internet.
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import type net from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env, overrideEnv } from "../env";
import { parseHostRules, type NetworkGrant } from "../policy/egress-rules";
import { SOCAT_PATH } from "./bwrap-args";
import { runInSandbox } from "./run-in-sandbox";
import { runWithoutHelper } from "./run-without-helper";
import { makeTempWorkspace, type TempWorkspace } from "./temp-workspace";

const outside = Object.values(networkInterfaces()).flat().find((i) => i && i.family === "IPv4" && !i.internal)?.address;

let ws: TempWorkspace;
let server: http.Server;
let port = 0;
const hits: string[] = [];

const grant = (...rules: string[]): NetworkGrant => ({ mode: "proxy", profile: "allowlist", hosts: parseHostRules(rules) });
const sh = (command: string, network: NetworkGrant) => runInSandbox(ws.dir, { argv: ["sh", "-c", command], network, limits: { wallMs: 30_000 } });
const proxyDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith("fleetgate-egress-"));

beforeAll(async () => {
  ws = await makeTempWorkspace("fleetgate-egress-test-");
  server = http.createServer((req, res) => {
    hits.push(req.url ?? "");
    res.end(`hello ${req.url}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  overrideEnv({ SANDBOX_EGRESS_TRUSTED_CIDRS: "" });
  await new Promise((resolve) => server.close(resolve));
  await ws.remove();
});

describe.skipIf(!outside)(`through the egress proxy (the outside: ${outside ?? "none: no non-internal IPv4 address"})`, () => {
  beforeAll(() => overrideEnv({ SANDBOX_EGRESS_TRUSTED_CIDRS: `${outside}/32` }));

  it("reaches an allowed destination over plain http and through a CONNECT tunnel, and records it", async () => {
    const g = grant(`${outside}:${port}`);
    const plain = await sh(`curl -sS http://${outside}:${port}/plain`, g);
    expect(plain).toMatchObject({ exitCode: 0, stdout: "hello /plain\n" });
    expect(plain.egress).toEqual([{ destination: `${outside}:${port}`, allowed: true, count: 1 }]);
    const tunnel = await sh(`curl -sS --proxytunnel http://${outside}:${port}/tunnel`, g);
    expect(tunnel).toMatchObject({ exitCode: 0, stdout: "hello /tunnel\n" });
    expect(hits).toEqual(["/plain", "/tunnel"]);
  });

  it("refuses a destination outside the profile, by host and by port, and says why", async () => {
    const before = hits.length;
    const g = grant(`${outside}:${port}`, "registry.example.com");
    const pg = Number(new URL(env().DATABASE_URL).port || 5432);
    const r = await sh(`curl -sS http://${outside}:${pg}/; curl -sS -p http://${outside}:${port + 1 === 65536 ? 1 : port + 1}/; curl -sS https://example.org/`, g);
    expect(r.stdout).toContain(`Fleetgate egress proxy: ${outside}:${pg} refused: not a destination the allowlist egress profile allows`);
    expect(r.stderr).toMatch(/CONNECT tunnel failed, response 403/);
    expect(r.egress?.map((a) => [a.destination, a.allowed])).toEqual([[`${outside}:${pg}`, false], [`${outside}:${port + 1 === 65536 ? 1 : port + 1}`, false], ["example.org:443", false]]);
    expect(hits.length).toBe(before);
  });

  it("has no route around the proxy: a client that ignores it gets no network at all", async () => {
    const before = hits.length;
    const r = await sh(`node -e "require('http').get('http://${outside}:${port}/direct',r=>r.pipe(process.stdout)).on('error',e=>console.log('no network: '+e.code))"`, grant(`${outside}:${port}`));
    expect(r.stdout).toBe("no network: ENETUNREACH\n");
    expect(r.egress).toEqual([]);
    expect(hits.length).toBe(before);
  });

  it("never connects an allowed name to a loopback address unless that network is trusted", async () => {
    // --noproxy '': the sandbox's own localhost is otherwise reached directly (its own loopback).
    const cmd = `curl -sS --noproxy '' http://localhost:${port}/loop`;
    const refused = await sh(cmd, grant(`localhost:${port}`));
    expect(refused.stdout).toBe(`Fleetgate egress proxy: localhost:${port} refused: localhost resolves to 127.0.0.1, a loopback address the sandbox may not reach\n`);
    expect(hits).not.toContain("/loop");
    overrideEnv({ SANDBOX_EGRESS_TRUSTED_CIDRS: `${outside}/32,127.0.0.1/32` });
    try {
      const trusted = await sh(cmd, grant(`localhost:${port}`));
      expect(trusted.stdout).toBe("hello /loop\n");
    } finally {
      overrideEnv({ SANDBOX_EGRESS_TRUSTED_CIDRS: `${outside}/32` });
    }
  });

  it("leaves no proxy socket behind, after success, a wall-time limit and a cancel", async () => {
    const before = proxyDirs();
    await sh("true", grant(`${outside}:${port}`));
    const slow = await runInSandbox(ws.dir, { argv: ["sleep", "30"], network: grant(`${outside}:${port}`), limits: { wallMs: 1_000 } });
    expect(slow.limit).toBe("wall");
    const ac = new AbortController();
    const pending = runInSandbox(ws.dir, { argv: ["sleep", "30"], network: grant(`${outside}:${port}`), signal: ac.signal });
    setTimeout(() => ac.abort("test"), 500);
    expect((await pending).stderr).toContain("stopped because the run was cancelled");
    expect(proxyDirs()).toEqual(before);
  });
});

describe("fail closed", () => {
  it("without socat the command does not run at all", async () => {
    const out = await runWithoutHelper(SOCAT_PATH, ws, { mode: "proxy", profile: "package_registries", hosts: [] });
    expect(out).toMatch(/^REFUSED unavailable sandbox network is unavailable: \/usr\/bin\/socat is missing \(install the Debian package "socat"\)/m);
    expect(() => readFileSync(path.join(ws.dir, "ran-anyway"))).toThrow();
  });
});
