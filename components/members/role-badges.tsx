import { Badge } from "../ui/badge";
import type { RoleOption } from "./types";

export function RoleBadges({ roles, options }: { roles: string[]; options: RoleOption[] }) {
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Roles">
      {roles.map((r) => (
        <li key={r}>
          <Badge tone={r === "tenant_admin" ? "indigo" : "neutral"}>{options.find((o) => o.value === r)?.label ?? r}</Badge>
        </li>
      ))}
    </ul>
  );
}
