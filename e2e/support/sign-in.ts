// The real next-auth credentials flow, as a browser's form post would do it.
import { request, type APIRequestContext } from "@playwright/test";
import { storageStateOf } from "../fixtures";
import { BASE_URL } from "./env";

export type SignInOutcome = { ok: true } | { ok: false; status: number; error: string };

export async function signIn(ctx: APIRequestContext, email: string, password: string): Promise<SignInOutcome> {
  const csrf = await ctx.get("/api/auth/csrf");
  if (!csrf.ok()) throw new Error(`GET /api/auth/csrf answered ${csrf.status()}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, email, password, json: "true" } });
  const body = (await res.json().catch(() => ({}))) as { url?: string };
  const error = body.url ? new URL(body.url).searchParams.get("error") : null;
  if (res.ok() && !error) {
    const cookies = (await ctx.storageState()).cookies;
    if (!cookies.some((c) => c.name.endsWith("next-auth.session-token"))) throw new Error(`sign-in as ${email} set no session cookie`);
    return { ok: true };
  }
  return { ok: false, status: res.status(), error: error ?? `HTTP ${res.status()}` };
}

/** next-auth's sign-out, as the console's Sign out does it (csrf token, then the signout POST). */
export async function signOut(ctx: APIRequestContext): Promise<void> {
  const { csrfToken } = (await (await ctx.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await ctx.post("/api/auth/signout", { form: { csrfToken, json: "true" } });
  if (!res.ok()) throw new Error(`POST /api/auth/signout answered ${res.status()}`);
}

/** Signs a person in and saves their storage state under their e-mail, for contexts made later. */
export async function saveSignedIn(email: string, password: string): Promise<void> {
  const ctx = await request.newContext({ baseURL: BASE_URL });
  try {
    const outcome = await signIn(ctx, email, password);
    if (!outcome.ok) throw new Error(`sign-in as ${email} failed: ${outcome.error}`);
    await ctx.storageState({ path: storageStateOf(email) });
  } finally {
    await ctx.dispose();
  }
}
