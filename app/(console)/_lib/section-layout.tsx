import type { ReactNode } from "react";
import type { Permission } from "@/server/authz/permissions";
import { pageScope } from "./page-scope";

/**
 * A section's permission check lives in its layout, outside the section's loading boundary: a
 * 404 thrown there is decided before streaming starts, so it keeps its 404 status (inside a
 * Suspense boundary it would be sent as 200).
 */
export function sectionLayout(permission: Permission) {
  return async function SectionLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
    await pageScope((await params).tenant, permission);
    return children;
  };
}
