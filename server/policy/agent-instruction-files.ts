// Agent-instruction files: what coding agents read as their instructions or configuration when they
// work in a repository (seed document §41). An agent changes them only through an approved
// write_file (policies/platform/agent-instructions.yaml); the run's boundary check refuses any other
// change (server/runs/instruction-changes.ts). Fleetgate itself never takes instructions, policy,
// autonomy, egress or approvals from them: to Fleetgate's own agent they are repository text, data.
//
// Matched case-insensitively at any depth (agents read nested files for their directory, and a
// case-insensitive checkout would serve Agents.md as AGENTS.md), after "./", "//" and "." segments
// are folded away. Erring towards a match only costs an approval.

/** Files that are instructions wherever they are, by the agents that read them. */
const FILE_NAMES: Record<string, string> = {
  "agents.md": "AGENTS.md (Codex, Copilot, Cursor, Jules, Amp, Zed and the agents.md convention)",
  "agents.override.md": "AGENTS.override.md (Codex)",
  "agent.md": "AGENT.md (Amp, Zed)",
  "claude.md": "CLAUDE.md (Claude Code)",
  "claude.local.md": "CLAUDE.local.md (Claude Code)",
  "gemini.md": "GEMINI.md (Gemini CLI)",
  "conventions.md": "CONVENTIONS.md (aider)",
  "copilot-instructions.md": "copilot-instructions.md (GitHub Copilot)",
  ".cursorrules": ".cursorrules (Cursor)",
  ".windsurfrules": ".windsurfrules (Windsurf)",
  ".clinerules": ".clinerules (Cline)",
  ".roorules": ".roorules (Roo Code)",
  ".continuerules": ".continuerules (Continue)",
  ".goosehints": ".goosehints (Goose)",
  ".augment-guidelines": ".augment-guidelines (Augment)",
  ".rules": ".rules (Zed)",
  ".mcp.json": ".mcp.json (MCP servers: the tools an agent gets)",
};

/** Files whose name starts so: aider's .aider.conf.yml, .aiderignore, .aider.model.settings.yml... */
const NAME_PREFIXES: Record<string, string> = { ".aider": ".aider* (aider)" };

/** Directories whose whole content is an agent's rules, settings or prompts, wherever they are. */
const DIRECTORIES: Record<string, string> = {
  ".cursor": ".cursor/ (Cursor rules)",
  ".windsurf": ".windsurf/ (Windsurf rules)",
  ".clinerules": ".clinerules/ (Cline)",
  ".roo": ".roo/ (Roo Code)",
  ".claude": ".claude/ (Claude Code settings, commands, agents)",
  ".gemini": ".gemini/ (Gemini)",
  ".codex": ".codex/ (Codex)",
  ".junie": ".junie/ (JetBrains Junie)",
  ".kiro": ".kiro/ (Kiro steering)",
  ".amazonq": ".amazonq/ (Amazon Q rules)",
  ".continue": ".continue/ (Continue)",
  ".openhands": ".openhands/ (OpenHands microagents)",
  ".augment": ".augment/ (Augment)",
};

/** Directories under .github that GitHub Copilot reads as instructions, prompts and agents. */
const GITHUB_DIRECTORIES = new Set(["instructions", "prompts", "chatmodes", "agents"]);

/** The path as the repository names it: no "./", no empty or "." segments. */
export function normalizeWorkspacePath(path: string): string {
  return path.replaceAll("\\", "/").split("/").filter((s) => s !== "" && s !== ".").join("/");
}

/** Which kind of agent-instruction file the path is, or null when it is none. */
export function agentInstructionKind(path: string): string | null {
  const segments = normalizeWorkspacePath(path).toLowerCase().split("/");
  const name = segments.at(-1) ?? "";
  if (FILE_NAMES[name]) return FILE_NAMES[name]!;
  const prefix = Object.keys(NAME_PREFIXES).find((p) => name.startsWith(p));
  if (prefix) return NAME_PREFIXES[prefix]!;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (DIRECTORIES[s]) return DIRECTORIES[s]!;
    if (s === ".github" && i < segments.length - 2 && GITHUB_DIRECTORIES.has(segments[i + 1]!)) return `.github/${segments[i + 1]}/ (GitHub Copilot)`;
  }
  return null;
}

export const isAgentInstructionFile = (path: string): boolean => agentInstructionKind(path) !== null;
