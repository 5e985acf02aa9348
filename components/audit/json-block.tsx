/** A labelled, scrollable JSON value (payload, before, after). */
export function JsonBlock({ title, value }: { title: string; value: unknown }) {
  const empty = value === null || value === undefined || (typeof value === "object" && Object.keys(value as object).length === 0);
  return (
    <section aria-label={title} className="min-w-0">
      <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-600 uppercase">{title}</h3>
      {empty ? (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-xs text-slate-600">Empty</p>
      ) : (
        <pre tabIndex={0} className="max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-xs leading-relaxed text-slate-900">
          {JSON.stringify(value, null, 2)}
        </pre>
      )}
    </section>
  );
}
