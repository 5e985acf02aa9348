import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { ZId } from "@/server/http/define-route";
import { AppError } from "@/server/core/app-error";
import { readContext } from "@/server/core/read-context";
import { findDocument } from "@/server/policy/policy-lookup";
import { pageScope } from "../../../_lib/page-scope";

/**
 * A document that is not there (or is another tenant's) answers 404 from here, outside the page's
 * loading boundary: thrown inside it, the not-found page would be streamed with status 200.
 */
export default async function PolicyLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string; documentId: string }> }) {
  const { tenant, documentId } = await params;
  const { scope } = await pageScope(tenant, "policy.read");
  if (!ZId.safeParse(documentId).success) notFound();
  try {
    await findDocument(readContext(scope), documentId);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
  return children;
}
