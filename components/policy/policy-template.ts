// What "New policy" starts from: a small tenant policy with a test, and an input to try.
export const NEW_POLICY = `apiVersion: fleetgate/v1
kind: Policy
metadata:
  name: my-tenant-policy
  level: tenant
  description: What this policy is for
rules:
  - id: no-force-push
    description: Agents never force-push
    match: { actions: [tool.shell] }
    when: input.context.command.contains('push --force')
    effect: deny
    reason: force pushes rewrite history
`;

export const NEW_TESTS = `suite: my tenant policy
tests:
  - name: a force push is denied
    input: { action: tool.shell, resource: { kind: command }, subject: { id: agent-1 }, context: { command: "git push --force origin main" } }
    expect: { decision: deny, rule: no-force-push }
`;

export const EXAMPLE_INPUT = `{
  "action": "tool.shell",
  "resource": { "kind": "command" },
  "subject": { "id": "agent-1" },
  "context": { "command": "git push --force origin main" }
}`;
