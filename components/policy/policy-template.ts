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
    # Rules read the parsed command line (README, "Shell facts"): every command, nested ones too.
    when: >-
      input.context.shell.commands.exists(c, c.program == 'git' && c.subcommand == 'push'
      && c.args.exists(a, a == '--force' || a == '-f' || a.startsWith('--force-with-lease') || a.startsWith('+')))
    effect: deny
    reason: force pushes rewrite history
`;

export const NEW_TESTS = `suite: my tenant policy
tests:
  - name: a force push is denied
    input: { action: tool.shell, resource: { kind: command }, subject: { id: agent-1 }, context: { command: "git push --force origin main" } }
    expect: { decision: deny, rule: no-force-push }
  - name: a force push hidden in bash -lc is denied
    input: { action: tool.shell, resource: { kind: command }, subject: { id: agent-1 }, context: { command: "bash -lc 'git -C . push -f origin main'" } }
    expect: { decision: deny, rule: no-force-push }
`;

export const EXAMPLE_INPUT = `{
  "action": "tool.shell",
  "resource": { "kind": "command" },
  "subject": { "id": "agent-1" },
  "context": { "command": "git push --force origin main" }
}`;
