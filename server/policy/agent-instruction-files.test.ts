import { describe, expect, it } from "vitest";
import { agentInstructionKind, isAgentInstructionFile, normalizeWorkspacePath } from "./agent-instruction-files";
import { compileCondition, toCelInput } from "./compile";

describe("agent-instruction files", () => {
  it.each([
    "AGENTS.md", "agents.md", "Agents.MD", "packages/api/AGENTS.md", "./AGENTS.md", "docs//./AGENTS.md", "AGENTS.override.md", "AGENT.md",
    "CLAUDE.md", "svc/CLAUDE.md", "CLAUDE.local.md", "GEMINI.md", "CONVENTIONS.md",
    ".github/copilot-instructions.md", ".github/instructions/api.instructions.md", ".github/prompts/release.prompt.md",
    ".github/chatmodes/review.chatmode.md", ".github/agents/triage.agent.md",
    ".cursorrules", ".cursor/rules/style.mdc", "web/.cursor/rules/x.mdc", ".cursor/mcp.json",
    ".windsurfrules", ".windsurf/rules/a.md", ".clinerules", ".clinerules/01-style.md", ".roorules", ".roo/rules/a.md",
    ".aider.conf.yml", ".aiderignore", ".aider.model.settings.yml", ".claude/settings.json", ".claude/commands/ship.md",
    ".gemini/styleguide.md", ".junie/guidelines.md", ".kiro/steering/product.md", ".amazonq/rules/a.md",
    ".continue/rules/a.md", ".continuerules", ".openhands/microagents/repo.md", ".goosehints", ".augment-guidelines", ".rules", ".mcp.json",
  ])("%s is an agent-instruction file", (p) => {
    expect(isAgentInstructionFile(p)).toBe(true);
  });

  it.each([
    "src/agents.ts", "src/agents/index.ts", "docs/AGENTS.md.txt", "docs/writing-agents-md.md", "README.md", "CONTRIBUTING.md",
    ".github/workflows/ci.yml", ".github/CODEOWNERS", ".github/instructions.md", "cursor/rules.md", "src/rules.ts", "package.json",
    ".gitignore", "claude.py", "my.cursorrules.bak",
  ])("%s is not", (p) => {
    expect(isAgentInstructionFile(p)).toBe(false);
  });

  it("names the kind and the agents that read it", () => {
    expect(agentInstructionKind("svc/agents.md")).toMatch(/^AGENTS\.md \(Codex/);
    expect(agentInstructionKind(".github/instructions/a.md")).toBe(".github/instructions/ (GitHub Copilot)");
    expect(agentInstructionKind("src/x.ts")).toBeNull();
  });

  it("normalizes ./, empty and . segments, and backslashes", () => {
    expect(normalizeWorkspacePath("./a//./b/AGENTS.md")).toBe("a/b/AGENTS.md");
    expect(normalizeWorkspacePath("a\\AGENTS.md")).toBe("a/AGENTS.md");
  });

  it("is what the policy's isAgentInstructionFile() reads", () => {
    const c = compileCondition("input.resource.path.isAgentInstructionFile()");
    expect(c(toCelInput({ resource: { path: "lib/AGENTS.md" } }))).toBe(true);
    expect(c(toCelInput({ resource: { path: "lib/index.ts" } }))).toBe(false);
  });
});
