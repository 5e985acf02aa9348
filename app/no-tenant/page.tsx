import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PendingInvitations } from "@/components/account/pending-invitations";
import { AuthCard } from "@/components/auth/auth-card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requireUser, switchableTenants } from "@/server/auth/page-session";
import { personReadContext } from "@/server/core/person-op";
import { listMyInvitations } from "@/server/invitations/list-my-invitations";
import { roleOptions } from "../(console)/_lib/role-options";

export const metadata: Metadata = { title: "No tenant" };
export const dynamic = "force-dynamic";

export default async function NoTenantPage() {
  const actor = await requireUser();
  const tenants = await switchableTenants(actor);
  if (tenants[0]) redirect(`/${tenants[0].slug}`);
  const { invitations } = await listMyInvitations(personReadContext(actor));
  return (
    <AuthCard title="You are not in any tenant yet" description={<>Signed in as <span className="font-medium text-slate-800">{actor.email}</span>.</>}>
      <PendingInvitations initial={invitations} roleOptions={roleOptions()} />
      <p className="text-sm text-slate-700">
        Fleetgate shows a tenant&apos;s repositories, teams and audit trail only to its members. {invitations.length
          ? "Accept an invitation above to join its tenant."
          : "Ask a tenant admin of your organisation to invite this e-mail address with the roles you need; the invitation appears here."}
      </p>
      <div className="mt-5">
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
