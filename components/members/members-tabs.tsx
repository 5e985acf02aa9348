import { TabLinks } from "../ui/tab-links";

export function MembersTabs({ tenant, current }: { tenant: string; current: "members" | "roles" }) {
  const base = `/${tenant}/admin/members`;
  const tabs = [
    { id: "members" as const, href: base, label: "Members" },
    { id: "roles" as const, href: `${base}/roles`, label: "Roles" },
  ];
  return <TabLinks label="Members and roles" tabs={tabs} current={current} />;
}
