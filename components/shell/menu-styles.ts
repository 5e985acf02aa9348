export const menuContentClass =
  "z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-800 shadow-lg focus:outline-none";
export const menuItemClass =
  "flex cursor-default items-center gap-2 rounded px-2 py-1.5 outline-none select-none data-[highlighted]:bg-slate-100 data-[highlighted]:text-slate-900";
