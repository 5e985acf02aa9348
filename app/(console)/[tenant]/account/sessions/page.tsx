import type { Metadata } from "next";
import { SessionsTable } from "@/components/account/sessions-table";
import { SignOutEverywhereButton } from "@/components/account/sign-out-everywhere-button";
import { PageHeader } from "@/components/ui/page-header";
import { personReadContext } from "@/server/core/person-op";
import { listMySessions } from "@/server/sessions/list-my-sessions";
import { pageScope } from "../../../_lib/page-scope";

export const metadata: Metadata = { title: "Sessions" };

export default async function SessionsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { actor } = await pageScope((await params).tenant);
  const data = await listMySessions(personReadContext(actor));
  return (
    <>
      <PageHeader
        title="Sessions"
        description="The browsers you are signed in on, in every tenant. Ending a session signs that browser out on its next request."
        actions={<SignOutEverywhereButton />}
      />
      <SessionsTable initial={data} />
    </>
  );
}
