// The kinds of kill switch: the levels they are set at, what they stop, the capabilities they take away.
export const KILL_LEVELS = ["global", "tenant", "campaign", "repository", "capability"] as const;
export type KillLevel = (typeof KILL_LEVELS)[number];

/**
 * What a switch stops. new_runs: no task or run starts; running: covered runs are cancelled and their
 * live installation tokens revoked; pr_creation: no PR opens; close_drafts: covered draft PRs are closed
 * with a comment.
 */
export const KILL_EFFECTS = ["new_runs", "running", "pr_creation", "close_drafts"] as const;
export type KillEffect = (typeof KILL_EFFECTS)[number];

/** Capabilities a capability-level switch can take away from every run in its tenant (or everywhere). */
export const CAPABILITIES = ["shell_network", "shell", "file_write"] as const;
