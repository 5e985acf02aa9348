// The diff's boundary, checked after the agent: files and lines changed against the policy's
// limits, forbidden paths touched (a renamed file's old path too), agent-instruction files changed
// without approval (instruction-changes.ts), and whether the task's change class is allowed here.
// Any violation fails the run as policy_denied; the patch is then kept only as restricted evidence.
import type { EffectiveGovernance } from "../policy/effective-governance";
import { matchesGlob } from "../policy/glob";
import { agentInstructionKind } from "../policy/agent-instruction-files";
import type { ChangedFile } from "../sandbox/types";

/** An agent-instruction file in the diff (at its path or, renamed, its old one) and whether a person approved exactly this change. */
export type InstructionChange = { path: string; from?: string; status: ChangedFile["status"]; kind: string; approved: boolean };

/** The instruction files a diff touches, none approved yet (instruction-changes.ts knows which were). */
export function touchedInstructionFiles(files: readonly ChangedFile[]): InstructionChange[] {
  return files.flatMap((f) => {
    const kind = agentInstructionKind(f.path) ?? (f.from ? agentInstructionKind(f.from) : null);
    return kind ? [{ path: f.path, ...(f.from ? { from: f.from } : {}), status: f.status, kind, approved: false }] : [];
  });
}

export type BoundaryReport = {
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  forbiddenPathsTouched: { path: string; pattern: string }[];
  instructionFilesChanged: InstructionChange[];
  changeClass: { name: string; allowed: boolean };
  violations: string[];
};

/** Without instructionFilesChanged (a check before any run), every instruction file in the diff counts as unapproved. */
export function boundaryReport(
  files: readonly ChangedFile[], g: EffectiveGovernance, changeClass: string, instructionFilesChanged: InstructionChange[] = touchedInstructionFiles(files),
): BoundaryReport {
  const linesAdded = files.reduce((n, f) => n + f.added, 0);
  const linesRemoved = files.reduce((n, f) => n + f.removed, 0);
  const forbiddenPathsTouched = files.flatMap((f) => [f.path, ...(f.from ? [f.from] : [])].flatMap((path) => {
    const pattern = g.forbiddenPaths.find((p) => matchesGlob(path, p));
    return pattern ? [{ path, pattern }] : [];
  }));
  const allowed = !g.allowedChangeClasses || g.allowedChangeClasses.includes(changeClass);
  const violations: string[] = [];
  for (const t of forbiddenPathsTouched) violations.push(`${t.path} is a forbidden path (${t.pattern})`);
  for (const c of instructionFilesChanged.filter((c) => !c.approved)) {
    violations.push(`${c.path}${c.from ? ` from ${c.from}` : ""} is an agent-instruction file (${c.kind}) ${c.status} without an approved write_file`);
  }
  if (!allowed) violations.push(`change class ${changeClass} is not allowed here (allowed: ${g.allowedChangeClasses!.join(", ")})`);
  const { maxFilesChanged, maxLinesChanged } = g.limits;
  if (maxFilesChanged !== null && files.length > maxFilesChanged) violations.push(`${files.length} files changed, more than the limit of ${maxFilesChanged}`);
  if (maxLinesChanged !== null && linesAdded + linesRemoved > maxLinesChanged) violations.push(`${linesAdded + linesRemoved} lines changed, more than the limit of ${maxLinesChanged}`);
  return { filesChanged: files.length, linesAdded, linesRemoved, forbiddenPathsTouched, instructionFilesChanged, changeClass: { name: changeClass, allowed }, violations };
}
