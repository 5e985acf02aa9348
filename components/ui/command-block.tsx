// A shell command as an approver reads it: program names, flags, quoted strings, pipes and
// redirections told apart by colour; the text stays selectable exactly as it would run.
import { cn } from "./cn";
import { tokenize, type TokenKind } from "./shell-tokens";

const CLASS: Record<TokenKind, string> = {
  program: "font-semibold text-indigo-800",
  flag: "whitespace-nowrap text-sky-800",
  string: "text-emerald-800",
  operator: "font-semibold text-red-700",
  variable: "text-violet-800",
  url: "text-amber-900 underline decoration-dotted",
  comment: "text-slate-600 italic",
  text: "text-slate-900",
  space: "",
};

export function CommandBlock({ command, label = "Command", className }: { command: string; label?: string; className?: string }) {
  return (
    <pre
      tabIndex={0}
      role="region"
      aria-label={label}
      className={cn("overflow-x-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2.5 font-mono text-sm leading-relaxed whitespace-pre-wrap [overflow-wrap:anywhere]", className)}
    >
      <code>
        <span aria-hidden="true" className="text-slate-600 select-none">$ </span>
        {tokenize(command).map((t, i) => (t.kind === "space" ? t.text : <span key={i} className={CLASS[t.kind]}>{t.text}</span>))}
      </code>
    </pre>
  );
}
