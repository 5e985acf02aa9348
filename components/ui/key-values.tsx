// Any JSON object as a readable list: keys in words, short values inline, long text in a block,
// nested objects indented, lists of plain values joined. Used for proposals of kinds this screen
// has no special view for, and for the fields a special view does not show itself.
import { humanize } from "./humanize";

const isPlain = (v: unknown) => v === null || ["string", "number", "boolean"].includes(typeof v);

function Value({ value, depth }: { value: unknown; depth: number }) {
  if (value === null || value === undefined || value === "") return <span className="text-slate-600">—</span>;
  if (typeof value === "boolean") return <>{value ? "yes" : "no"}</>;
  if (typeof value === "number") return <span className="tabular-nums">{value.toLocaleString("en-US")}</span>;
  if (typeof value === "string") {
    return value.includes("\n") || value.length > 120 ? (
      <pre tabIndex={0} className="max-h-72 overflow-auto rounded bg-slate-50 px-2 py-1.5 font-mono text-xs whitespace-pre-wrap text-slate-900">{value}</pre>
    ) : (
      <span className="break-words">{value}</span>
    );
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return <span className="text-slate-600">none</span>;
    if (value.every(isPlain)) return <span className="break-words">{value.map((v) => (v === null ? "—" : String(v))).join(", ")}</span>;
    if (depth >= 3) return <Json value={value} />;
    return (
      <ol className="space-y-2">
        {value.map((v, i) => <li key={i} className="rounded border border-slate-200 px-2 py-1.5"><Value value={v} depth={depth + 1} /></li>)}
      </ol>
    );
  }
  if (typeof value === "object") return depth >= 3 ? <Json value={value} /> : <KeyValues value={value as Record<string, unknown>} depth={depth + 1} />;
  return <>{String(value)}</>;
}

function Json({ value }: { value: unknown }) {
  return <pre tabIndex={0} className="max-h-60 overflow-auto rounded bg-slate-50 px-2 py-1.5 font-mono text-xs text-slate-900">{JSON.stringify(value, null, 2)}</pre>;
}

export function KeyValues({ value, depth = 0, omit = [] }: { value: Record<string, unknown>; depth?: number; omit?: readonly string[] }) {
  const entries = Object.entries(value).filter(([k]) => !omit.includes(k));
  if (entries.length === 0) return <p className="text-sm text-slate-600">No details.</p>;
  return (
    <dl className={depth === 0 ? "grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[minmax(8rem,max-content)_1fr]" : "grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[minmax(6rem,max-content)_1fr]"}>
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-slate-700">{humanize(k)}</dt>
          <dd className="min-w-0 text-slate-900"><Value value={v} depth={depth} /></dd>
        </div>
      ))}
    </dl>
  );
}
