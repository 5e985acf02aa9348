// Writes the fleet's project folders (prisma/demo/repos/acme/<name>) from the template, replacing
// what is there: `npx tsx prisma/demo/fleet/write-fleet.ts`. Changing a project changes its demo
// commit's SHA (server/repositories/demo-remotes.ts): do it on purpose, and commit the result.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ACME_FLEET } from "./fleet";
import { fleetProjectFiles } from "./fleet-template";

const FLEET_DIR = path.resolve(import.meta.dirname, "../repos/acme");

for (const r of ACME_FLEET) {
  const root = path.join(FLEET_DIR, r.name);
  rmSync(root, { recursive: true, force: true });
  for (const [file, content] of Object.entries(fleetProjectFiles(r))) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
}
console.log(`wrote ${ACME_FLEET.length} fleet projects under ${path.relative(process.cwd(), FLEET_DIR)}`);
