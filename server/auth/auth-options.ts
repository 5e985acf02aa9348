// next-auth configuration: JWT cookies carrying the user id and the id of their server-side
// session (server/sessions/), which is what makes a session revocable; local accounts (switchable
// by AUTH_LOCAL_ENABLED) and a generic OIDC provider when OIDC_* is configured.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db/client";
import { env } from "../env";
import { clientIp } from "../http/request-meta";
import { SESSION_MAX_AGE_SECONDS } from "../sessions/session-rules";
import { signOutSession } from "../sessions/sign-out-session";
import { startSession, type SignInClient } from "../sessions/start-session";
import { adoptGithubLogin, GITHUB_LOGIN_CLAIM } from "../members/adopt-github-login";
import { linkOidcUser } from "./link-oidc-user";
import { secureCookies } from "./session-user";
import { signInWithPassword, SignInError, INVALID_CREDENTIALS } from "./sign-in-with-password";

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
 * `client` is the browser behind the request next-auth is serving (the route handler knows it), so
 * that a new session records where it was signed in from and a sign-out where it happened.
 */
export function authOptions(client: SignInClient): NextAuthOptions {
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureCookies(),
    pages: { signIn: "/signin", error: "/signin" },
    providers: providers(),
    events: {
      async signOut({ token }) {
        if (typeof token?.sid === "string" && typeof token.uid === "string") await signOutSession(token.sid, token.uid, client.ip);
      },
    },
    callbacks: {
      async signIn({ account, profile, user }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        const claims = profile as { email?: string; email_verified?: boolean } | undefined;
        const userId = await linkOidcUser(account.providerAccountId, {
          email: claims?.email ?? user.email, emailVerified: claims?.email_verified === true, name: user.name ?? claims?.email ?? account.providerAccountId,
        });
        if (userId) await adoptGithubLogin(userId, (profile as Record<string, unknown> | undefined)?.[GITHUB_LOGIN_CLAIM]);
        return userId !== null;
      },
      // Runs with `account` only when someone has just signed in: that is when their session starts.
      async jwt({ token, user, account }) {
        if (!account) return token;
        const uid = account.provider === OIDC_PROVIDER_ID
          ? (await db.user.findUnique({ where: { oidcSubject: account.providerAccountId }, select: { id: true } }))?.id
          : user?.id;
        if (!uid) return {};
        return { ...token, uid, sid: await startSession(uid, account.provider === OIDC_PROVIDER_ID ? "oidc" : "password", client) };
      },
    },
  };
}

export function enabledSignInMethods(): { local: boolean; oidc: { id: string; name: string } | null } {
  const e = env();
  return { local: e.AUTH_LOCAL_ENABLED, oidc: e.OIDC_ISSUER ? { id: OIDC_PROVIDER_ID, name: e.OIDC_NAME } : null };
}
