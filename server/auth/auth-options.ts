// next-auth configuration: JWT sessions carrying only the user id; local accounts (switchable by
// AUTH_LOCAL_ENABLED) and a generic OIDC provider when OIDC_* is configured.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { appendAuditEvent } from "../audit/append-event";
import { db } from "../db/client";
import { env } from "../env";
import { signInWithPassword, SignInError, INVALID_CREDENTIALS } from "./sign-in-with-password";
import { clientIp } from "../http/request-meta";

export const OIDC_PROVIDER_ID = "oidc";

function providers(): NextAuthOptions["providers"] {
  const e = env();
  const list: NextAuthOptions["providers"] = [];
  if (e.AUTH_LOCAL_ENABLED) {
    list.push(
      CredentialsProvider({
        id: "credentials",
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const email = typeof credentials?.email === "string" ? credentials.email : "";
          const password = typeof credentials?.password === "string" ? credentials.password : "";
          if (!email || !password || email.length > 320 || password.length > 1024) throw new Error(INVALID_CREDENTIALS);
          const headers = new Headers(req?.headers as Record<string, string> | undefined);
          try {
            return await signInWithPassword(email, password, clientIp(headers));
          } catch (err) {
            // Only our own messages reach the browser; anything else is a generic failure.
            throw new Error(err instanceof SignInError ? err.message : "Sign-in is unavailable right now. Try again shortly.");
          }
        },
      }),
    );
  }
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    list.push({
      id: OIDC_PROVIDER_ID,
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile: (p: { sub: string; email?: string; name?: string }) => ({ id: p.sub, email: p.email ?? null, name: p.name ?? p.email ?? p.sub }),
    });
  }
  return list;
}

/**
 * Single sign-on admits only people an admin already added: matched by subject, or by e-mail the
 * first time (then the subject is linked, audited like every change).
 */
async function linkOidcUser(subject: string, email: string | null | undefined, emailVerified: boolean): Promise<string | null> {
  const bySubject = await db.user.findUnique({ where: { oidcSubject: subject } });
  if (bySubject) return bySubject.disabled ? null : bySubject.id;
  // Linking by e-mail trusts the provider's word that the address is the person's own.
  if (!email || !emailVerified) return null;
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, include: { memberships: true } });
  if (!user || user.disabled || user.oidcSubject || user.platformAdmin) return null;
  await db.$transaction(async (tx) => {
    // From now on this person signs in through the provider only: a password someone else may
    // know stops working.
    await tx.user.update({ where: { id: user.id }, data: { oidcSubject: subject, passwordHash: null } });
    for (const m of user.memberships.length ? user.memberships : [{ tenantId: null }]) {
      await appendAuditEvent(tx, {
        tenantId: m.tenantId, actorType: "user", actorId: user.id, actorLabel: user.email,
        action: "user.link_sso", resourceType: "user", resourceId: user.id, after: { oidcLinked: true, localPassword: false },
      });
    }
  });
  return user.id;
}

export function authOptions(): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: providers(),
    events: {
      async signOut({ token }) {
        const userId = typeof token?.uid === "string" ? token.uid : null;
        if (!userId) return;
        const user = await db.user.findUnique({ where: { id: userId }, include: { memberships: { select: { tenantId: true } } } });
        if (!user) return;
        await db.$transaction(async (tx) => {
          for (const m of user.memberships.length ? user.memberships : [{ tenantId: null }]) {
            await appendAuditEvent(tx, {
              tenantId: m.tenantId, actorType: "user", actorId: user.id, actorLabel: user.email,
              action: "auth.sign_out", resourceType: "session",
            });
          }
        });
      },
    },
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = profile as { email?: string; email_verified?: boolean } | undefined;
        const userId = await linkOidcUser(account.providerAccountId, claims?.email ?? user.email, claims?.email_verified === true);
        if (!userId) return false;
        const memberships = await db.membership.findMany({ where: { userId }, select: { tenantId: true } });
        await db.$transaction(async (tx) => {
          for (const m of memberships.length ? memberships : [{ tenantId: null }]) {
            await appendAuditEvent(tx, {
              tenantId: m.tenantId, actorType: "user", actorId: userId, actorLabel: profile?.email ?? null,
              action: "auth.sign_in", resourceType: "session", payload: { method: "oidc" },
            });
          }
        });
        return true;
      },
      async jwt({ token, user, account }) {
        if (account?.provider === OIDC_PROVIDER_ID) {
          const u = await db.user.findUnique({ where: { oidcSubject: account.providerAccountId }, select: { id: true } });
          if (u) token.uid = u.id;
        } else if (user) token.uid = user.id;
        return token;
      },
      async session({ session, token }) {
        return { ...session, uid: typeof token.uid === "string" ? token.uid : undefined };
      },
    },
  };
}

export function enabledSignInMethods(): { local: boolean; oidc: { id: string; name: string } | null } {
  const e = env();
  return { local: e.AUTH_LOCAL_ENABLED, oidc: e.OIDC_ISSUER ? { id: OIDC_PROVIDER_ID, name: e.OIDC_NAME } : null };
}
