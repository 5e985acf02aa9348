// What the setup URL (GET /api/github/setup) tells the person it sends back to Admin → GitHub, as a
// code in the page's URL (?setup=<code>&installation=<id>); the page shows the fixed text for the
// code (components/github/setup-notice.ts), never text taken from the URL.
export const SETUP_OUTCOMES = ["connected", "already_connected", "requested", "expired", "other_person", "not_allowed", "no_installation", "not_fresh", "bound_elsewhere", "unavailable"] as const;

export type SetupOutcome = (typeof SETUP_OUTCOMES)[number];

export const isSetupOutcome = (v: string): v is SetupOutcome => (SETUP_OUTCOMES as readonly string[]).includes(v);
