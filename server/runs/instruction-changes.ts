// Which agent-instruction files in a run's final diff were changed with approval. The only approved
// change is a file whose content is exactly what a write_file wrote after a person approved it
// (policies/platform/agent-instructions.yaml makes those writes wait). A shell command (`sed -i`,
// `echo >>`, `cp`, `mv`, `git checkout`), a deletion, a rename, or a later change to an approved
// file is not: the boundary report names it and the run fails as policy_denied.
import { createHash } from "node:crypto";
import { lstat, readFile } from "node:fs/promises";
import path from "node:path";
import { db } from "../db/client";
import { agentInstructionKind, normalizeWorkspacePath } from "../policy/agent-instruction-files";
import type { ChangedFile } from "../sandbox/types";
import { touchedInstructionFiles, type InstructionChange } from "../policy/boundary-report";

type WriteEvent = { tool?: string; status?: string; decision?: string; args?: { path?: unknown }; contentSha256?: unknown };

export async function instructionChanges(run: { id: string; tenantId: string }, dir: string, files: readonly ChangedFile[]): Promise<InstructionChange[]> {
  const touched = touchedInstructionFiles(files);
  if (!touched.length) return [];
  const approvedWrites = await approvedContent(run);
  const out: InstructionChange[] = [];
  for (const c of touched) {
    const movedAway = !!c.from && agentInstructionKind(c.from) !== null;
    const approved = c.status !== "deleted" && !movedAway && (await contentHash(dir, c.path)) === approvedWrites.get(normalizeWorkspacePath(c.path));
    out.push({ ...c, approved });
  }
  return out;
}

/** Path -> the hash of the last content an approved write_file put there. */
async function approvedContent(run: { id: string; tenantId: string }): Promise<Map<string, string>> {
  const events = await db.runEvent.findMany({ where: { runId: run.id, tenantId: run.tenantId, kind: "tool_call" }, orderBy: { seq: "asc" }, select: { data: true } });
  const hashes = new Map<string, string>();
  for (const e of events) {
    const d = (e.data ?? {}) as WriteEvent;
    if (d.tool !== "write_file" || d.status !== "ok" || typeof d.args?.path !== "string") continue;
    const p = normalizeWorkspacePath(d.args.path);
    // A write that went through after require_approval was approved; any other write to the path supersedes it.
    if (d.decision === "require_approval" && typeof d.contentSha256 === "string") hashes.set(p, d.contentSha256);
    else hashes.delete(p);
  }
  return hashes;
}

/** The file's content hash; null for a symlink or anything but a regular file. */
async function contentHash(dir: string, rel: string): Promise<string | null> {
  const full = path.join(dir, rel);
  const st = await lstat(full).catch(() => null);
  if (!st?.isFile()) return null;
  return createHash("sha256").update(await readFile(full)).digest("hex");
}
