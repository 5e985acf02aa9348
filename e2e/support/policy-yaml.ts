// Policy documents and test suites for the API tests, as an admin would write them. Fixture rules
// only ever match file writes under their own unique path, so the many fixture documents the
// matrix activates in a tenant never change a decision another test makes.

/** A tenant policy that denies agent writes under `<dir>/**` (and one more rule when asked). */
export function fixturePolicy(name: string, dir: string, o: { reason?: string; extraRules?: string } = {}): string {
  return `apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: ${name}
  level: tenant
  description: Written by the e2e tests
rules:
  - id: fixture-path-denied
    description: Agents never write under the fixture's directory
    match: { actions: [tool.file_write], resources: [file] }
    when: input.resource.path.matchesAnyGlob(['${dir}/**'])
    effect: deny
    reason: ${o.reason ?? "fixture paths are written by people"}
${o.extraRules ?? ""}`;
}

/** Its test suite: the fixture directory is denied, an ordinary source file is not. */
export function fixtureTests(dir: string, o: { expectOther?: string } = {}): string {
  return `suite: e2e fixture
now: "2026-01-01T00:00:00Z"
tests:
  - name: a write under the fixture directory is denied
    input: { action: tool.file_write, resource: { kind: file, path: ${dir}/notes.txt }, subject: { id: agent-1 }, context: {} }
    expect: { decision: deny, rule: fixture-path-denied }
  - name: an ordinary source file is still written
    input: { action: tool.file_write, resource: { kind: file, path: src/${dir}.ts }, subject: { id: agent-1 }, context: {} }
    expect: { decision: ${o.expectOther ?? "allow"} }
`;
}

/** metadata.name of a policy document's YAML (for finding the row a create made). */
export function policyNameOf(content: unknown): string {
  const m = typeof content === "string" ? /^metadata:\s*\n(?:[ \t]+.*\n)*?[ \t]+name:\s*([^\s#]+)/m.exec(content) : null;
  if (!m) throw new Error("no metadata.name in the policy YAML");
  return m[1]!;
}
