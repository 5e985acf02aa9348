import { notFound } from "next/navigation";
import { cache } from "react";
import { getApproval } from "@/server/approvals/get-approval";
import { ZId } from "@/server/http/define-route";
import { AppError } from "@/server/core/app-error";
import { readContext } from "@/server/core/read-context";
import { pageScope } from "../../../_lib/page-scope";

/** One request as the signed-in person may see it, once per render (the layout and the page both ask); otherwise 404. */
export const loadApproval = cache(async (tenant: string, approvalId: string) => {
  const { scope } = await pageScope(tenant, "approval.read");
  if (!ZId.safeParse(approvalId).success) notFound();
  try {
    return { scope, detail: await getApproval(readContext(scope), approvalId) };
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
});
