// The boundary of a change: forbidden paths, the change class, and size limits, from the effective
// governance. One module for every place that checks it: task admission before a run (the class
// against the paths it exists to change), each file write of the tool gateway, the diff after the
// agent (finish-run), and try-an-input and policy test suites (decide-input.ts). A renamed file's old
// path counts too, and agent-instruction files changed without approval are violations
// (server/runs/instruction-changes.ts knows which were approved). A follow-up run on review feedback
// may change only the files its previous attempt changed (allowedPaths): a write elsewhere is refused
// and a diff reaching elsewhere is a violation. A violation after the agent fails the run as
// policy_denied; the patch is then kept only as restricted evidence.
import { posix } from "node:path";
import type { ChangedFile } from "../sandbox/types";
import { agentInstructionKind } from "./agent-instruction-files";
import type { EffectiveGovernance, ForbiddenPath } from "./effective-governance";
import { matchesGlob } from "./glob";

/** A changed file as the boundary sees it: a diff's file, or a path tried in a policy input. */
export type BoundaryFile = Pick<ChangedFile, "path" | "added" | "removed"> & Partial<Pick<ChangedFile, "from" | "status">>;

/** An agent-instruction file in the diff (at its path or, renamed, its old one) and whether a person approved exactly this change. */
export type InstructionChange = { path: string; from?: string; status: ChangedFile["status"]; kind: string; approved: boolean };

/** The instruction files a diff touches, none approved yet (instruction-changes.ts knows which were). */
export function touchedInstructionFiles(files: readonly BoundaryFile[]): InstructionChange[] {
  return files.flatMap((f) => {
    const kind = agentInstructionKind(f.path) ?? (f.from ? agentInstructionKind(f.from) : null);
    return kind ? [{ path: f.path, ...(f.from ? { from: f.from } : {}), status: f.status ?? "modified", kind, approved: false }] : [];
  });
}

/**
 * Who changes the files: an exemption lifts a prohibition only for its class, and only once the run's
 * start was approved. allowedPaths (a follow-up run's scope): the only files it may change; absent, any.
 */
export type BoundaryRun = { changeClass: string; approved: boolean; allowedPaths?: readonly string[] | null };
export type ForbiddenTouch = { path: string; pattern: string; sources: string[] };

export type BoundaryReport = {
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  forbiddenPathsTouched: ForbiddenTouch[];
  instructionFilesChanged: InstructionChange[];
  changeClass: { name: string; allowed: boolean };
  violations: string[];
};

export function forbiddenTouch(g: EffectiveGovernance, path: string, run: BoundaryRun): ForbiddenTouch | undefined {
  const f = g.forbiddenPaths.find((p) => matchesGlob(path, p.pattern) && !lifted(p, run));
  return f ? { path, pattern: f.pattern, sources: f.sources } : undefined;
}

export const describeTouch = (t: ForbiddenTouch) => `${t.path} is a forbidden path (${t.pattern}, from ${t.sources.join(", ")})`;

/** "./src//a.ts" and "src/a.ts" are one file: compared as written after normalizing, case included. */
const samePath = (p: string) => posix.normalize(p).replace(/^(\.\/)+/, "");

/** Why the path is outside the run's allowed paths, or null when it is within them (or the run has none). */
export function outsideAllowedPaths(path: string, run: BoundaryRun): string | null {
  if (!run.allowedPaths) return null;
  const p = samePath(path);
  if (run.allowedPaths.some((a) => samePath(a) === p)) return null;
  const listed = run.allowedPaths.slice(0, 5).join(", ") + (run.allowedPaths.length > 5 ? ` and ${run.allowedPaths.length - 5} more` : "");
  return `${path} is outside the files this follow-up run may change (those its previous attempt changed: ${listed || "none"})`;
}

/** Without instructionFilesChanged (a check before any run), every instruction file in the diff counts as unapproved. */
export function boundaryReport(
  files: readonly BoundaryFile[], g: EffectiveGovernance, run: BoundaryRun, instructionFilesChanged: InstructionChange[] = touchedInstructionFiles(files),
): BoundaryReport {
  const linesAdded = files.reduce((n, f) => n + f.added, 0);
  const linesRemoved = files.reduce((n, f) => n + f.removed, 0);
  const forbiddenPathsTouched = files.flatMap((f) => [f.path, ...(f.from ? [f.from] : [])].flatMap((path) => forbiddenTouch(g, path, run) ?? []));
  const allowed = !g.allowedChangeClasses || g.allowedChangeClasses.includes(run.changeClass);
  const violations = forbiddenPathsTouched.map(describeTouch);
  violations.push(...files.flatMap((f) => [f.path, ...(f.from ? [f.from] : [])].flatMap((path) => outsideAllowedPaths(path, run) ?? [])));
  for (const c of instructionFilesChanged.filter((c) => !c.approved)) {
    violations.push(`${c.path}${c.from ? ` from ${c.from}` : ""} is an agent-instruction file (${c.kind}) ${c.status} without an approved write_file`);
  }
  if (!allowed) violations.push(`change class ${run.changeClass} is not allowed here (allowed: ${g.allowedChangeClasses!.join(", ")})`);
  const { maxFilesChanged, maxLinesChanged } = g.limits;
  if (maxFilesChanged !== null && files.length > maxFilesChanged) violations.push(`${files.length} files changed, more than the limit of ${maxFilesChanged}`);
  if (maxLinesChanged !== null && linesAdded + linesRemoved > maxLinesChanged) violations.push(`${linesAdded + linesRemoved} lines changed, more than the limit of ${maxLinesChanged}`);
  return { filesChanged: files.length, linesAdded, linesRemoved, forbiddenPathsTouched, instructionFilesChanged, changeClass: { name: run.changeClass, allowed }, violations };
}

/**
 * A path every file of a glob stands for, spelled so that only a pattern covering the whole glob
 * matches it: "*" and "?" become a character no real path holds, "**" several directories of it.
 */
export function globSample(glob: string): string {
  return glob.replace(/\*\*|\*|\?/g, (m) => (m === "**" ? "\u0001/\u0001/\u0001" : "\u0001"));
}

const lifted = (p: ForbiddenPath, run: BoundaryRun) => run.approved && p.exemptFor.includes(run.changeClass);

/**
 * Paths two globs may both match, for a cheap overlap test: each one's sample, and where one ends in
 * "/**", its directory holding a sample of the other's last segment ("dir/**" and "**\/*.yml" share
 * "dir/x.yml").
 */
function overlap(a: string, b: string): boolean {
  const inside = (dir: string, other: string) => (dir.endsWith("/**") ? [`${dir.slice(0, -3)}/${globSample(other.split("/").at(-1)!)}`] : []);
  const candidates = [globSample(a), globSample(b), ...inside(a, b), ...inside(b, a)];
  return candidates.some((c) => matchesGlob(c, a) && matchesGlob(c, b));
}

/**
 * What can be told about a glob of files before the run: forbidden outright when a prohibition covers
 * all of it, likely refused when one may cover part of it.
 */
export function globForesight(g: EffectiveGovernance, glob: string, run: BoundaryRun): { certain?: ForbiddenTouch; partly: ForbiddenTouch[] } {
  const certain = forbiddenTouch(g, globSample(glob), run);
  if (certain) return { certain: { ...certain, path: glob }, partly: [] };
  const partly = g.forbiddenPaths.filter((p) => !lifted(p, run) && overlap(glob, p.pattern)).map((p) => ({ path: glob, pattern: p.pattern, sources: p.sources }));
  return { partly };
}

/**
 * The class against the paths it exists to change (governance.forbidden_path_exemptions): a class all
 * of whose paths stay forbidden here can never succeed, so the task is refused before anyone is asked.
 */
export function classRefusals(g: EffectiveGovernance, run: BoundaryRun): string[] {
  const paths = g.classPaths[run.changeClass] ?? [];
  const blocked = paths.flatMap((p) => globForesight(g, p, run).certain ?? []);
  if (!paths.length || blocked.length < paths.length) return [];
  const needsApproval = run.approved ? "" : " (its exemption applies only to a run whose start was approved, and the policy asks no approval here)";
  return blocked.map((t) => `${run.changeClass} exists to change ${t.path}, which stays forbidden here${needsApproval}: ${t.pattern}, from ${t.sources.join(", ")}`);
}
