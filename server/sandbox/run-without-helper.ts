// Test support: runInSandbox in a child process whose mount namespace has a helper program
// (slirp4netns, socat) replaced by /dev/null (not executable); this process and the machine keep
// theirs. Prints "REFUSED <code> <message>" or "RAN <result>"; the command writes ran-anyway.
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { NetworkGrant } from "../policy/egress-rules";
import type { TempWorkspace } from "./temp-workspace";

export function runWithoutHelper(helperPath: string, ws: TempWorkspace, network: NetworkGrant): Promise<string> {
  const script = [
    `import { runInSandbox } from ${JSON.stringify(path.resolve("server/sandbox/run-in-sandbox.ts"))};`,
    `try { const r = await runInSandbox(${JSON.stringify(ws.dir)}, { argv: ["sh", "-c", "echo x > ran-anyway"], network: ${JSON.stringify(network)} }); console.log("RAN", JSON.stringify(r)); }`,
    `catch (e) { console.log("REFUSED", e.code, e.message); }`,
  ].join("\n");
  const file = path.join(ws.parent, `without-${path.basename(helperPath)}.mts`);
  writeFileSync(file, script);
  return new Promise<string>((resolve, reject) =>
    execFile(
      "unshare",
      ["--mount", "--propagation", "private", "sh", "-c", `mount --bind /dev/null ${helperPath} && exec "$@"`, "sh", path.resolve("node_modules/.bin/tsx"), file],
      { cwd: process.cwd(), timeout: 60_000, env: process.env },
      (e, stdout, stderr) => (e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve(stdout)),
    ),
  );
}
