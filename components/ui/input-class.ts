import { cn } from "./cn";

export const inputClass = (invalid?: boolean, extra?: string) =>
  cn(
    "block w-full rounded-md border bg-white px-2.5 text-sm text-slate-900 shadow-xs placeholder:text-slate-500",
    "focus:outline-2 focus:-outline-offset-1 focus:outline-indigo-600 disabled:bg-slate-50 disabled:text-slate-500",
    invalid ? "border-red-500" : "border-slate-300",
    extra,
  );
