// A unified diff as a reviewer reads it: one block per file with its path and counts, line numbers
// on both sides, additions and removals coloured, and the code itself highlighted by language.
// The +/− marks stay in the text, so the meaning does not depend on colour.
import { cn } from "./cn";
import { highlightLine, languageOf, type CodeTokenKind } from "./code-tokens";
import { parseDiff, type DiffFile, type DiffLine } from "./parse-diff";

const TOKEN: Record<CodeTokenKind, string> = {
  comment: "text-slate-600 italic",
  string: "text-emerald-800",
  number: "text-amber-800",
  keyword: "font-semibold text-violet-800",
  key: "text-sky-800",
  text: "",
};

const ROW: Record<DiffLine["kind"], string> = {
  add: "bg-emerald-50 text-slate-900",
  del: "bg-red-50 text-slate-900",
  ctx: "text-slate-800",
  hunk: "bg-sky-50 text-sky-900",
  meta: "text-slate-600 italic",
};

const MARK: Record<DiffLine["kind"], string> = { add: "+", del: "−", ctx: " ", hunk: "", meta: "" };

function FileDiff({ file, maxHeight }: { file: DiffFile; maxHeight?: string }) {
  const language = languageOf(file.path);
  return (
    <section aria-label={file.path ? `Changes to ${file.path}` : "Changes"} className="overflow-hidden rounded-md border border-slate-200">
      {file.path ? (
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-xs">
          <span className="font-mono font-medium break-all text-slate-900">
            {file.oldPath && file.oldPath !== file.path ? <>{file.oldPath} → </> : null}{file.path}
          </span>
          <span className="flex items-center gap-2 whitespace-nowrap">
            {file.status !== "modified" && file.status !== "unknown" ? <span className="text-slate-700">{file.status}</span> : null}
            <span className="font-medium text-emerald-800">+{file.added}</span>
            <span className="font-medium text-red-800">−{file.removed}</span>
          </span>
        </header>
      ) : null}
      <div tabIndex={0} role="region" aria-label={file.path ? `Diff of ${file.path}` : "Diff"} className={cn("overflow-auto focus-visible:outline-2 focus-visible:outline-indigo-600", maxHeight)}>
        <table className="w-full border-collapse font-mono text-xs leading-5">
          <tbody>
            {file.lines.map((l, i) => (
              <tr key={i} className={ROW[l.kind]}>
                {l.kind === "hunk" || l.kind === "meta" ? (
                  <td colSpan={4} className="px-3 whitespace-pre-wrap">{l.text}</td>
                ) : (
                  <>
                    <td className="w-10 px-2 text-right text-slate-600 select-none tabular-nums">{l.oldNo ?? ""}</td>
                    <td className="w-10 px-2 text-right text-slate-600 select-none tabular-nums">{l.newNo ?? ""}</td>
                    <td className={cn("w-4 text-center select-none", l.kind === "add" ? "text-emerald-800" : l.kind === "del" ? "text-red-800" : "")}>{MARK[l.kind]}</td>
                    <td className="pr-3 whitespace-pre-wrap [overflow-wrap:anywhere]">
                      {highlightLine(l.text, language).map((t, j) => (t.kind === "text" ? t.text : <span key={j} className={TOKEN[t.kind]}>{t.text}</span>))}
                      {l.text ? null : " "}
                    </td>
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Every file of the diff; an empty diff says so. */
export function UnifiedDiff({ text, maxHeight = "max-h-[32rem]" }: { text: string; maxHeight?: string }) {
  const files = parseDiff(text);
  if (!files.length) return <p className="text-sm text-slate-600">The diff is empty.</p>;
  return (
    <div className="space-y-3">
      {files.map((f, i) => <FileDiff key={`${f.path}-${i}`} file={f} maxHeight={maxHeight} />)}
    </div>
  );
}
