// ensure_node (scripts/node-runtime.sh), as `npm run up`, `npm run dev` and `npm test` call it: whatever
// Node the machine has, what runs afterwards is Node 26 or newer, and an older machine Node is left alone.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const machinePath = (process.env.PATH ?? "").split(":").filter((d) => !d.startsWith(path.join(root, ".fleetgate"))).join(":");

function afterEnsure(script: string): string {
  return execFileSync("bash", ["-c", `source scripts/node-runtime.sh && ensure_node >&2 && ${script}`], {
    cwd: root, env: { ...process.env, PATH: machinePath }, encoding: "utf8", timeout: 120_000,
  }).trim();
}

describe("ensure_node", () => {
  it("leaves Node 26 or newer first on the path, fetched into .fleetgate/node when the machine's is older", () => {
    const machineMajor = Number(execFileSync("node", ["-p", "process.versions.node.split('.')[0]"], { env: { ...process.env, PATH: machinePath }, encoding: "utf8" }));
    const [version, where] = afterEnsure(`node -p process.versions.node; command -v node`).split("\n");
    expect(Number(version!.split(".")[0])).toBeGreaterThanOrEqual(26);
    if (machineMajor < 26) {
      expect(where).toBe(path.join(root, ".fleetgate/node/bin/node"));
      expect(version).toBe(afterEnsure("echo $FLEETGATE_NODE_VERSION"));
    } else {
      expect(where).not.toContain(".fleetgate");
    }
  });

  it("npm itself, and so every npm script and npx, runs on that Node", () => {
    const [node, npmRuntime] = afterEnsure(`node -p process.versions.node; npm version --json | node -p "JSON.parse(require('fs').readFileSync(0, 'utf8')).node"`).split("\n");
    expect(npmRuntime).toBe(node);
  });
});
