// What an allowed tool call does: file tools work on the workspace from the host, confined to it;
// shell commands run in the sandbox, with network only when the gateway granted it.
import type { ToolName, ToolOutcome } from "../agent/types";
import { runInSandbox } from "../sandbox/run-in-sandbox";
import { listFiles, readWorkspaceFile, searchWorkspace, writeWorkspaceFile } from "../sandbox/workspace-files";
import { AppError } from "../core/app-error";
import type { EgressAttempt } from "../sandbox/egress-proxy";
import type { NetworkGrant } from "../policy/egress-rules";
import type { GatewayOptions } from "./tool-gateway";

/** What the gateway decided beyond "allowed": network for a shell command (tool-gateway.ts says when). */
export type ToolGrant = { network: NetworkGrant | null };

/** A shell command's outcome also says which destinations it asked the egress proxy for, and how long it ran in the sandbox. */
export type ExecutedTool = ToolOutcome & { egress?: EgressAttempt[]; sandboxMs?: number };

export async function executeTool(o: GatewayOptions, tool: ToolName, args: Record<string, unknown>, grant: ToolGrant): Promise<ExecutedTool> {
  try {
    switch (tool) {
      case "list_files": {
        const r = await listFiles(o.dir, { path: args.path as string | undefined, recursive: args.recursive as boolean | undefined });
        return { status: "ok", output: r.files.join("\n") + (r.truncated ? "\n[list truncated]" : "") };
      }
      case "read_file":
        return { status: "ok", output: (await readWorkspaceFile(o.dir, String(args.path))).content };
      case "search": {
        const r = await searchWorkspace(o.dir, { pattern: String(args.pattern), path: args.path as string | undefined, regex: args.regex as boolean | undefined });
        return { status: "ok", output: r.matches.map((m) => `${m.path}:${m.line}: ${m.text}`).join("\n") || "no matches" };
      }
      case "write_file":
        await writeWorkspaceFile(o.dir, String(args.path), String(args.content));
        return { status: "ok", output: `wrote ${args.path}` };
      case "run_shell": {
        const r = await runInSandbox(o.dir, { argv: ["/bin/sh", "-c", String(args.command)], network: grant.network, signal: o.signal });
        // The exit code travels as exitCode (the model, the timeline and recipes each show it once);
        // the output says only what exitCode cannot: a signal, a limit, the egress proxy's answers.
        const text = [r.stdout, r.stderr].filter(Boolean).join(r.stdout && r.stderr ? "\n--- stderr ---\n" : "");
        const output = [
          r.exitCode === null ? `[ended by signal ${r.signal}]` : "", r.limit ? `[stopped: ${r.limit} limit]` : "", text,
          r.egress?.length ? describeEgress(grant.network!, r.egress) : "",
        ].filter(Boolean).join("\n");
        return {
          status: r.exitCode === 0 ? "ok" : "error", exitCode: r.exitCode ?? undefined, output, sandboxMs: r.durationMs,
          ...(r.egress ? { egress: r.egress } : {}),
        };
      }
      case "finish":
        return { status: "ok", output: "finished" };
    }
  } catch (e) {
    // A refused path or a bad pattern is the agent's mistake: it learns why; anything else is ours.
    if (e instanceof AppError && (e.code === "validation_failed" || e.code === "not_found" || e.code === "forbidden")) return { status: "error", output: e.message };
    throw e;
  }
}

/** For the agent (and the timeline): what the egress proxy let through and what it refused, and why. */
function describeEgress(grant: NetworkGrant, attempts: EgressAttempt[]): string {
  const profile = grant.mode === "proxy" ? grant.profile : "open";
  const reached = attempts.filter((a) => a.allowed).map((a) => a.destination);
  const refused = attempts.filter((a) => !a.allowed).map((a) => `${a.destination} (${a.reason})`);
  const parts = [reached.length ? `allowed ${reached.join(", ")}` : "", refused.length ? `refused ${refused.join("; ")}` : ""].filter(Boolean);
  return `[egress proxy, profile ${profile}: ${parts.join("; ")}]`;
}
