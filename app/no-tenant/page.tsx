import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { requireUser, switchableTenants } from "@/server/auth/page-session";

export const metadata: Metadata = { title: "No tenant" };
export const dynamic = "force-dynamic";

export default async function NoTenantPage() {
  const actor = await requireUser();
  const tenants = await switchableTenants(actor);
  if (tenants[0]) redirect(`/${tenants[0].slug}`);
  return (
    <AuthCard title="You are not in any tenant yet" description={<>Signed in as <span className="font-medium text-slate-800">{actor.email}</span>.</>}>
      <p className="text-sm text-slate-700">
        Fleetgate shows a tenant&apos;s repositories, teams and audit trail only to its members. Ask a tenant admin of your organisation to add
        this e-mail address with the roles you need, then sign in again.
      </p>
      <div className="mt-5">
        <SignOutButton />
      </div>
    </AuthCard>
  );
}
