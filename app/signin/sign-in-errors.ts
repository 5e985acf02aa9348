// next-auth redirects here with ?error=<code>. Only known codes are turned into sentences; any other
// value gets a generic one, so the page never echoes text from the URL.
const MESSAGES: Record<string, string> = {
  AccessDenied: "Your single sign-on account is not set up in Fleetgate. Ask a tenant admin to add your e-mail address, then sign in again.",
  OAuthAccountNotLinked: "Your single sign-on account is not set up in Fleetgate. Ask a tenant admin to add your e-mail address, then sign in again.",
  OAuthSignin: "Single sign-on could not start. Try again; if it keeps failing, contact your administrator.",
  OAuthCallback: "Single sign-on did not complete. Try again; if it keeps failing, contact your administrator.",
  OAuthCreateAccount: "Single sign-on did not complete. Try again; if it keeps failing, contact your administrator.",
  Callback: "Sign-in did not complete. Try again.",
  CredentialsSignin: "Invalid e-mail or password.",
  SessionRequired: "Sign in to continue.",
  Configuration: "Sign-in is not configured correctly on the server. Contact your administrator.",
  Verification: "The sign-in link is no longer valid. Sign in again.",
};

// Messages our own credentials provider sends (server/auth/sign-in-with-password.ts).
const OWN_MESSAGE = /^(Invalid e-mail or password\.|Too many failed sign-in attempts\. Try again in \d{1,4} minutes?\.|Sign-in is unavailable right now\. Try again shortly\.)$/;

export function signInErrorMessage(code: string | undefined): string | null {
  if (!code) return null;
  if (OWN_MESSAGE.test(code)) return code;
  return MESSAGES[code] ?? "Sign-in failed. Try again.";
}

/** Only a path on this site may follow sign-in (never another host). */
export function safeCallbackUrl(value: string | undefined): string {
  if (!value) return "/";
  try {
    const url = new URL(value, "http://placeholder.invalid");
    const path = `${url.pathname}${url.search}${url.hash}`;
    return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/signin") ? path : "/";
  } catch {
    return "/";
  }
}
