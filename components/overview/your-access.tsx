import { Check } from "lucide-react";
import { Card, CardHeader } from "../ui/card";

export type AccessGroup = { resource: string; permissions: { name: string; description: string }[] };

/** The person's roles in the tenant and, generated from the permission registry, what they allow. */
export function YourAccess({ roles, groups }: { roles: { label: string; description: string }[]; groups: AccessGroup[] }) {
  return (
    <Card>
      <CardHeader title="Your access" description="Roles are granted per tenant by a tenant admin." />
      <div className="grid gap-6 px-4 py-4 lg:grid-cols-[16rem_1fr]">
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Your roles</h3>
          <ul className="mt-2 space-y-2">
            {roles.map((r) => (
              <li key={r.label}>
                <p className="text-sm font-medium text-slate-900">{r.label}</p>
                <p className="text-xs text-slate-600">{r.description}</p>
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">What they let you do</h3>
          <dl className="mt-2 grid gap-x-6 gap-y-3 sm:grid-cols-2">
            {groups.map((g) => (
              <div key={g.resource}>
                <dt className="text-sm font-medium text-slate-900">{g.resource}</dt>
                <dd>
                  <ul className="mt-0.5 space-y-0.5">
                    {g.permissions.map((p) => (
                      <li key={p.name} className="flex gap-1.5 text-xs text-slate-700">
                        <Check aria-hidden="true" className="mt-0.5 size-3 shrink-0 text-emerald-600" />
                        <span>
                          {p.description} <code className="text-[11px] text-slate-500">{p.name}</code>
                        </span>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
    </Card>
  );
}
