import { Card } from "../ui/card";
import { plural } from "../ui/format";

export function RoleCards({ roles }: { roles: { value: string; label: string; description: string; permissionCount: number; platformWide: boolean }[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {roles.map((r) => (
        <li key={r.value}>
          <Card className="h-full px-4 py-3">
            <h3 className="text-sm font-semibold text-slate-900">{r.label}</h3>
            <p className="mt-0.5 font-mono text-[11px] text-slate-600">{r.value}</p>
            <p className="mt-2 text-xs text-slate-700">{r.description}</p>
            <p className="mt-2 text-xs font-medium text-slate-600">
              {plural(r.permissionCount, "permission")}
              {r.platformWide ? " · platform-wide" : ""}
            </p>
          </Card>
        </li>
      ))}
    </ul>
  );
}
