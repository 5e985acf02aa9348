-- Verifier profiles become a tenant's data (named steps, each a command with its time limit), and a
-- run keeps the profile it was admitted with.

-- AlterTable
ALTER TABLE "Run" ADD COLUMN     "verifierProfile" TEXT,
ADD COLUMN     "verifierSteps" JSONB;

-- CreateTable
CREATE TABLE "VerifierProfile" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "steps" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "VerifierProfile_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "VerifierProfile_tenantId_name_key" ON "VerifierProfile"("tenantId", "name");

-- AddForeignKey
ALTER TABLE "VerifierProfile" ADD CONSTRAINT "VerifierProfile_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The built-in profiles, the one place they are defined: what the code ran before profiles were
-- data, each step with the sandbox's former default wall time (60 s). Every tenant gets them, the
-- existing ones below and each new one by the trigger, whatever creates it (the seed, tests, the
-- e2e fixtures' SQL). A tenant that already has a profile of that name keeps its own.
CREATE FUNCTION fleetgate_builtin_verifier_profiles(tenant TEXT) RETURNS void
LANGUAGE sql AS $fn$
  INSERT INTO "VerifierProfile" ("id", "tenantId", "name", "description", "steps", "updatedAt")
  SELECT 'vp' || replace(gen_random_uuid()::text, '-', ''), tenant, p.name, p.description, p.steps, now()
  FROM (VALUES
    ('node-test',
     'A Node package without a build step: every module parses (node --check), then its tests pass (node --test).',
     jsonb_build_array(
       jsonb_build_object('name', 'build', 'timeoutSeconds', 60, 'argv', jsonb_build_array('node', '-e', $node_check$
const fs = require("fs"), path = require("path"), { execFileSync } = require("child_process");
let n = 0;
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === ".git" || e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && /\.(c|m)?js$/.test(e.name)) { execFileSync(process.execPath, ["--check", p], { stdio: "inherit" }); n++; }
  }
})(".");
console.log(n + " module(s) parse");
$node_check$)),
       jsonb_build_object('name', 'unit-tests', 'timeoutSeconds', 60, 'argv', jsonb_build_array('node', '--test')))),
    ('json-valid',
     'Every .json file below the workspace parses (tsconfig and jsconfig files, JSON with comments by convention, are left out).',
     jsonb_build_array(
       jsonb_build_object('name', 'json valid', 'timeoutSeconds', 60, 'argv', jsonb_build_array('node', '-e', $json_valid$
const fs = require("fs"), path = require("path");
let ok = 0; const bad = [];
(function walk(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === ".git" || e.name === "node_modules") continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile() && e.name.endsWith(".json") && !/^(ts|js)config.*\.json$/.test(e.name)) {
      try { JSON.parse(fs.readFileSync(p, "utf8")); ok++; } catch (err) { bad.push(path.relative(".", p) + ": " + err.message); }
    }
  }
})(".");
for (const b of bad) console.error(b);
console.log(ok + " JSON file(s) valid, " + bad.length + " invalid");
process.exit(bad.length ? 1 : 0);
$json_valid$)))),
    ('none',
     'Runs nothing: verification passes only where no policy requires a verifier.',
     '[]'::jsonb)
  ) AS p(name, description, steps)
  ON CONFLICT ("tenantId", "name") DO NOTHING;
$fn$;

CREATE FUNCTION fleetgate_tenant_verifier_profiles() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM fleetgate_builtin_verifier_profiles(NEW."id");
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Tenant_builtin_verifier_profiles" AFTER INSERT ON "Tenant"
  FOR EACH ROW EXECUTE FUNCTION fleetgate_tenant_verifier_profiles();

SELECT fleetgate_builtin_verifier_profiles("id") FROM "Tenant";

-- Runs not yet ended take their repository's profile as it is now (what the code would have run).
-- An ended run keeps only the name its verifier report recorded: its steps were not kept.
UPDATE "Run" r SET "verifierProfile" = p."name", "verifierSteps" = p."steps"
  FROM "Repository" repo JOIN "VerifierProfile" p ON p."tenantId" = repo."tenantId" AND p."name" = repo."verifierProfile"
  WHERE repo."id" = r."repositoryId" AND repo."tenantId" = r."tenantId" AND r."state" NOT IN ('succeeded', 'failed', 'cancelled');

UPDATE "Run" SET "verifierProfile" = "verifierReport"->>'profile'
  WHERE "state" IN ('succeeded', 'failed', 'cancelled') AND jsonb_typeof("verifierReport"->'profile') = 'string';
