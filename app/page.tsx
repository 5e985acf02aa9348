import { redirect } from "next/navigation";
import { requireUser, switchableTenants } from "@/server/auth/page-session";

export const dynamic = "force-dynamic";

/** Home: the first tenant the person belongs to. */
export default async function Home() {
  const actor = await requireUser();
  const tenants = await switchableTenants(actor);
  if (tenants[0]) redirect(`/${tenants[0].slug}`);
  redirect("/no-tenant");
}
