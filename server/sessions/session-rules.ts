// How long a signed-in session lasts and how its ending is recorded; next-auth's cookie and the
// Session rows follow the same numbers.
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/** lastSeenAt moves at most this often, so a busy console is not a write per request. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export type EndReason = "sign_out" | "signed_out_everywhere" | "ended_by_owner" | "ended_by_admin";

export type SignInMethod = "password" | "oidc";

/** Sessions whose cookie may still be in use: not ended, and seen within the cookie's lifetime. */
export const openSessionsOf = (userId: string) => ({
  userId,
  endedAt: null,
  lastSeenAt: { gt: new Date(Date.now() - SESSION_MAX_AGE_SECONDS * 1000) },
});
