// A step's command as its arguments, each boxed, so it reads as what runs: no shell joins or splits them.
// A multi-line argument (a script) folds away behind its first line.
export function ArgvView({ argv }: { argv: string[] }) {
  return (
    <div className="flex flex-wrap items-start gap-1">
      {argv.map((a, i) => {
        const lines = a.split("\n").filter((l) => l.trim());
        return a.includes("\n") ? (
          <details key={i} className="max-w-full rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 font-mono text-xs">
            <summary className="cursor-pointer text-slate-700">script, {lines.length} line{lines.length === 1 ? "" : "s"}</summary>
            <pre className="mt-1 max-h-60 overflow-auto whitespace-pre-wrap text-slate-900 [overflow-wrap:anywhere]">{a.replace(/^\n+|\n+$/g, "")}</pre>
          </details>
        ) : (
          <code key={i} className={`rounded border border-slate-200 bg-slate-50 px-1.5 py-0.5 text-xs whitespace-pre-wrap [overflow-wrap:anywhere] ${i === 0 ? "font-semibold text-indigo-800" : "text-slate-900"}`}>{a}</code>
        );
      })}
    </div>
  );
}
