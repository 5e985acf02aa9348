import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthCard } from "@/components/auth/auth-card";
import { SignInForm } from "@/components/auth/sign-in-form";
import { enabledSignInMethods } from "@/server/auth/auth-options";
import { currentUser } from "@/server/auth/page-session";
import { env } from "@/server/env";
import { safeCallbackUrl, signInErrorMessage } from "./sign-in-errors";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Search = { callbackUrl?: string | string[]; error?: string | string[] };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const callbackUrl = safeCallbackUrl(first(sp.callbackUrl));
  // Only a live session skips the form: an ended one's cookie would otherwise bounce back and forth.
  if (await currentUser()) redirect(callbackUrl);
  const methods = enabledSignInMethods();
  return (
    <AuthCard
      title="Sign in"
      description="Governance for your organisation's coding agents."
      footer={env().NODE_ENV !== "production" ? "Running the demo? The demo accounts are listed in the project's README." : undefined}
    >
      <SignInForm callbackUrl={callbackUrl} initialError={signInErrorMessage(first(sp.error))} local={methods.local} oidc={methods.oidc} />
    </AuthCard>
  );
}
