// The diff's boundary, checked after the agent: files and lines changed against the policy's
// limits, forbidden paths touched, and whether the task's change class is allowed here. Any
// violation fails the run as policy_denied; the patch is then kept only as restricted evidence.
import type { EffectiveGovernance } from "../policy/effective-governance";
import { matchesGlob } from "../policy/glob";
import type { ChangedFile } from "../sandbox/types";

export type BoundaryReport = {
  filesChanged: number;
  linesAdded: number;
  linesRemoved: number;
  forbiddenPathsTouched: { path: string; pattern: string }[];
  changeClass: { name: string; allowed: boolean };
  violations: string[];
};

export function boundaryReport(files: readonly ChangedFile[], g: EffectiveGovernance, changeClass: string): BoundaryReport {
  const linesAdded = files.reduce((n, f) => n + f.added, 0);
  const linesRemoved = files.reduce((n, f) => n + f.removed, 0);
  const forbiddenPathsTouched = files.flatMap((f) => {
    const pattern = g.forbiddenPaths.find((p) => matchesGlob(f.path, p));
    return pattern ? [{ path: f.path, pattern }] : [];
  });
  const allowed = !g.allowedChangeClasses || g.allowedChangeClasses.includes(changeClass);
  const violations: string[] = [];
  for (const t of forbiddenPathsTouched) violations.push(`${t.path} is a forbidden path (${t.pattern})`);
  if (!allowed) violations.push(`change class ${changeClass} is not allowed here (allowed: ${g.allowedChangeClasses!.join(", ")})`);
  const { maxFilesChanged, maxLinesChanged } = g.limits;
  if (maxFilesChanged !== null && files.length > maxFilesChanged) violations.push(`${files.length} files changed, more than the limit of ${maxFilesChanged}`);
  if (maxLinesChanged !== null && linesAdded + linesRemoved > maxLinesChanged) violations.push(`${linesAdded + linesRemoved} lines changed, more than the limit of ${maxLinesChanged}`);
  return { filesChanged: files.length, linesAdded, linesRemoved, forbiddenPathsTouched, changeClass: { name: changeClass, allowed }, violations };
}
