import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PolicyWorkspace } from "@/components/policy/policy-workspace";
import { can } from "@/server/authz/authorize";
import { actorLabel } from "@/server/authz/scope";
import { ZId } from "@/server/http/define-route";
import { AppError } from "@/server/core/app-error";
import { readContext } from "@/server/core/read-context";
import { getPolicyDocument, getPolicyVersion } from "@/server/policy/get-policy-document";
import { pageScope } from "../../../_lib/page-scope";

export const metadata: Metadata = { title: "Policy" };

export default async function PolicyPage({ params }: { params: Promise<{ tenant: string; documentId: string }> }) {
  const { tenant, documentId } = await params;
  const { scope } = await pageScope(tenant, "policy.read");
  if (!ZId.safeParse(documentId).success) notFound();
  const ctx = readContext(scope);
  let doc;
  try {
    doc = await getPolicyDocument(ctx, documentId);
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") notFound();
    throw e;
  }
  // The editor starts from the latest version, whatever its state.
  const latest = await getPolicyVersion(ctx, documentId, doc.latest.number);
  const rights = { edit: can(scope, "policy.edit"), publish: can(scope, "policy.publish"), me: actorLabel(scope.actor) };
  return <PolicyWorkspace tenant={scope.tenant.slug} rights={rights} initial={doc} latest={latest} />;
}
