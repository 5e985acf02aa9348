import { Check, Minus } from "lucide-react";
import { Table, TBody, Td, Th, THead, Tr } from "../ui/table";

export type MatrixRole = { value: string; label: string; description: string };
export type MatrixPermission = { name: string; description: string; roles: string[] };

/** Every permission against every role, generated from the permission registry. */
export function RoleMatrix({ roles, permissions }: { roles: MatrixRole[]; permissions: MatrixPermission[] }) {
  return (
    <Table caption="Permissions granted by each role">
      <THead>
        <Th>Permission</Th>
        {roles.map((r) => (
          <Th key={r.value} className="px-2 text-center">
            <span className="inline-block max-w-20 text-[11px] leading-tight whitespace-normal">{r.label}</span>
          </Th>
        ))}
      </THead>
      <TBody>
        {permissions.map((p) => (
          <Tr key={p.name}>
            <Th scope="row" className="px-4 py-2 text-left font-normal whitespace-normal">
              <code className="font-mono text-xs text-slate-900">{p.name}</code>
              <span className="block text-xs text-slate-600">{p.description}</span>
            </Th>
            {roles.map((r) => (
              <Td key={r.value} className="px-2 text-center">
                {p.roles.includes(r.value) ? (
                  <>
                    <Check aria-hidden="true" className="mx-auto size-4 text-emerald-600" />
                    <span className="sr-only">Granted</span>
                  </>
                ) : (
                  <>
                    <Minus aria-hidden="true" className="mx-auto size-3.5 text-slate-300" />
                    <span className="sr-only">Not granted</span>
                  </>
                )}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
