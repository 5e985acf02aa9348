import { TabLinks } from "../ui/tab-links";

export function MembersTabs({ tenant, current }: { tenant: string; current: "members" | "roles" }) {
  const base = `/${tenant}/admin/members`;
  const tabs = [
    { href: base, label: "Members" },
    { href: `${base}/roles`, label: "Roles" },
  ];
  return <TabLinks label="Members and roles" tabs={tabs} current={current === "members" ? base : `${base}/roles`} />;
}
