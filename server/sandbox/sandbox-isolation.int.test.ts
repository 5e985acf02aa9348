// What a sandboxed command cannot reach: the network, the host's files and environment, and
// anything writable outside its workspace. Real bubblewrap, nothing mocked.
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { env } from "../env";
import { runInSandbox } from "./run-in-sandbox";
import { sandboxHostIds } from "./sandbox-host";
import { makeTempWorkspace, type TempWorkspace } from "./temp-workspace";
import type { SandboxCommand } from "./types";

let ws: TempWorkspace;
let server: net.Server;
let port = 0;
let accepted = 0;

beforeAll(async () => {
  ws = await makeTempWorkspace();
  server = net.createServer((s) => {
    accepted++;
    s.on("error", () => {}); // the client leaves as soon as it is connected
    s.end("hello from the host\n");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as net.AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ws.remove();
});

const OPEN = { mode: "open" } as const;
const sh = (script: string, extra: Pick<SandboxCommand, "network" | "env"> = {}) =>
  runInSandbox(ws.dir, { argv: ["sh", "-c", script], ...extra });

// Prints "connected", or the error code, for a TCP connect from inside the sandbox.
const connect = (host: string, p: number) => [
  "node",
  "-e",
  `const s=require("net").connect(${p},${JSON.stringify(host)});s.setTimeout(3000,()=>{console.log("ETIMEDOUT");process.exit(1)});` +
    `s.on("connect",()=>{console.log("connected");process.exit(0)});s.on("error",e=>{console.log(e.code);process.exit(1)})`,
];

describe("network", () => {
  it("is off: the host's loopback listener and the internet are unreachable", async () => {
    const before = accepted;
    const local = await runInSandbox(ws.dir, { argv: connect("127.0.0.1", port) });
    expect(local.exitCode).toBe(1);
    expect(local.stdout.trim()).toMatch(/^(ECONNREFUSED|ENETUNREACH)$/);
    const outside = await runInSandbox(ws.dir, { argv: connect("1.1.1.1", 53) });
    expect(outside.exitCode).toBe(1);
    expect(outside.stdout.trim()).toBe("ENETUNREACH");
    expect(accepted).toBe(before);
    const ifaces = await sh("cat /proc/net/dev");
    expect(ifaces.stdout).toMatch(/\blo:/);
    expect(ifaces.stdout).not.toMatch(/\b(eth|ens|enp|veth|wl)\w*:/);
  });

  it("with open network is still its own namespace: the host's loopback listener stays unreachable", async () => {
    // What open network does reach is proven in sandbox-network.int.test.ts, the egress proxy in sandbox-egress.int.test.ts.
    const before = accepted;
    const r = await runInSandbox(ws.dir, { argv: connect("127.0.0.1", port), network: OPEN });
    expect(r.stdout.trim()).toBe("ECONNREFUSED"); // the sandbox's own loopback, where nothing listens
    expect(accepted).toBe(before);
    const etc = await sh("ls /etc; cat /etc/resolv.conf", { network: OPEN });
    expect(etc.stdout.split("\n")).toContain("resolv.conf");
    expect(etc.stdout).toContain("nameserver 10.0.2.3\n");
    expect(etc.stdout).not.toMatch(/shadow/);
  });
});

describe("filesystem", () => {
  it("refuses writes outside the workspace, and the sandbox's /tmp is not the host's", async () => {
    const marker = `fleetgate-sandbox-marker-${process.pid}-${Date.now()}`;
    const runsParent = path.dirname(path.resolve(env().RUNS_DIR));
    const r = await sh(
      [
        `for p in /usr/${marker} /etc/${marker} /${marker} /bin/${marker} /proc/${marker} /dev/${marker} /workspace/../${marker} ${runsParent}/${marker} ${ws.parent}/${marker} /work/main/${marker}; do`,
        `  if echo x > "$p" 2>/dev/null; then echo "WROTE $p"; else echo "refused $p"; fi`,
        "done",
        `echo inside > /tmp/${marker} && cat /tmp/${marker}`,
        "ls -A /tmp",
      ].join("\n"),
    );
    expect(r.exitCode).toBe(0);
    expect(r.stdout).not.toContain("WROTE");
    expect(r.stdout.match(/^refused /gm)).toHaveLength(10);
    expect(r.stdout).toContain("inside");
    expect(r.stdout.trim().split("\n").at(-1)).toBe(marker); // the sandbox's /tmp held only its own file
    for (const dir of ["/usr", "/etc", "/", "/tmp", runsParent, ws.parent, "/work/main"]) {
      expect(existsSync(path.join(dir, marker))).toBe(false);
    }
  });

  it("bounds the memory-backed /tmp and /dev/shm", async () => {
    const r = await runInSandbox(ws.dir, {
      argv: ["sh", "-c", "head -c 200000000 /dev/zero > /tmp/big || echo tmp-full; head -c 100000000 /dev/zero > /dev/shm/big || echo shm-full"],
      limits: { memoryBytes: 128 * 1024 ** 2 },
    });
    expect(r.stdout).toBe("tmp-full\nshm-full\n");
    expect(r.stderr).toMatch(/No space left on device/);
  });

  it("shows none of the host's private files or the repository", async () => {
    writeFileSync(path.join(ws.parent, "host-secret.txt"), "HOST-ONLY-CONTENT\n");
    const r = await sh(`cat /etc/shadow; ls /root; ls /work; ls /home; cat ${ws.parent}/host-secret.txt; ls /etc; cat /etc/passwd`);
    expect(r.stderr).toMatch(/\/etc\/shadow: No such file/);
    expect(r.stderr).toMatch(/\/root.*No such file/);
    expect(r.stderr).toMatch(/\/work.*No such file/);
    expect(r.stdout).not.toContain("HOST-ONLY-CONTENT");
    expect(r.stdout).not.toMatch(/shadow|gshadow|ssh|ssl/);
    const hostPasswd = readFileSync("/etc/passwd", "utf8");
    expect(hostPasswd).toMatch(/^daemon:/m);
    expect(r.stdout).not.toMatch(/^daemon:/m); // the sandbox's passwd is generated, not the host's
    expect(r.stdout).toMatch(/^nobody:x:65534:65534:/m);
  });

  it("runs as uid 65534, without capabilities, and what it writes belongs to the sandbox's host identity", async () => {
    const r = await sh("id -u; id -g; grep -E '^(CapEff|CapBnd|NoNewPrivs)' /proc/self/status; echo data > owned.txt; unshare -U true 2>&1 || echo no-userns");
    const lines = r.stdout.trim().split("\n");
    expect(lines[0]).toBe("65534");
    expect(lines[1]).toBe("65534");
    expect(r.stdout).toMatch(/CapEff:\s+0+\n/);
    expect(r.stdout).toMatch(/CapBnd:\s+0+\n/);
    expect(r.stdout).toMatch(/NoNewPrivs:\s+1/);
    expect(r.stdout).toContain("no-userns");
    const st = statSync(path.join(ws.dir, "owned.txt"));
    expect(st.uid).toBe(sandboxHostIds().uid);
    // When Fleetgate runs as root, nothing the sandbox does runs as host root.
    if (process.getuid?.() === 0) expect(st.uid).not.toBe(0);
  });
});

describe("environment", () => {
  it("holds only PATH, HOME, LANG, PWD and the command's own variables, never the host's", async () => {
    process.env.FLEETGATE_TEST_SECRET = "do-not-leak-8f3a";
    try {
      const r = await runInSandbox(ws.dir, { argv: ["env"], env: { GREETING: "hi" } });
      const names = r.stdout.trim().split("\n").map((l) => l.split("=")[0]).sort();
      expect(names).toEqual(["GREETING", "HOME", "LANG", "PATH", "PWD"]); // bubblewrap sets PWD with --chdir
      expect(r.stdout).toContain("PWD=/workspace\n");
      expect(r.stdout).toContain("PATH=/usr/local/bin:/usr/bin:/bin\n");
      expect(r.stdout).toContain("HOME=/tmp\n");
      // No other process's environment is visible either: the sandbox has its own /proc.
      const procs = await sh("cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'; ls /proc | grep -c '^[0-9]'");
      expect(procs.stdout).not.toContain("do-not-leak-8f3a");
      expect(Number(procs.stdout.trim().split("\n").at(-1))).toBeLessThanOrEqual(6);
    } finally {
      delete process.env.FLEETGATE_TEST_SECRET;
    }
  });

  it("refuses bad variable names and the fixed ones", async () => {
    await expect(runInSandbox(ws.dir, { argv: ["true"], env: { "BAD-NAME": "x" } })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(runInSandbox(ws.dir, { argv: ["true"], env: { PATH: "/evil" } })).rejects.toThrow(/env.PATH: PATH, HOME, LANG and PWD are fixed/);
  });
});

describe("checkSandbox", () => {
  it("passes on a host that can run the sandbox", async () => {
    const { checkSandbox } = await import("./check-sandbox");
    const r = await checkSandbox();
    expect(r.startMs).toBeGreaterThan(0);
    // this machine has slirp4netns and socat, and runs as root
    expect(r.network).toMatchObject({ open: { available: true }, proxy: { available: true } });
  });
});
