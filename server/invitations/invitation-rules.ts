// When an invitation can still be answered, and for how long a new one runs.
export const INVITATION_DAYS = 14;

/** An invitation nobody has answered or withdrawn yet, and that has not expired. */
export const pendingInvitation = () => ({ acceptedAt: null, declinedAt: null, withdrawnAt: null, expiresAt: { gt: new Date() } });
