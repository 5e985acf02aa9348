// The one place that reads process.env. Every variable is validated here; a bad value stops the
// process at start with one line naming the variable and what is wrong.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { z } from "zod";
import { parseCidr, parseHostRule } from "./policy/egress-rules";

const booleanFlag = z
  .enum(["true", "false", "1", "0"], { message: "must be true or false" })
  .transform((v) => v === "true" || v === "1");

const postgresUrl = z
  .string()
  .url({ message: "must be a URL like postgresql://user@host:5432/db" })
  .refine((v) => /^postgres(ql)?:\/\//.test(v), "must start with postgresql://");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: postgresUrl.default("postgresql://postgres@127.0.0.1:5432/fleetgate"),
    // The application's own login (role fleetgate_app, which may not alter audit events); when
    // unset, DATABASE_URL with that user and no password, which suits local trust authentication.
    DATABASE_APP_URL: postgresUrl.optional(),
    REDIS_URL: z
      .string()
      .url({ message: "must be a URL like redis://host:6379" })
      .refine((v) => /^rediss?:\/\//.test(v), "must start with redis://")
      .default("redis://127.0.0.1:6379"),
    QUEUE_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/, "must be lowercase letters, digits, '_' or '-'").default("fleetgate"),
    BIND_ADDRESS: z.string().min(1).default("0.0.0.0"),
    TRUSTED_PROXY_HOPS: z.coerce.number({ message: "must be a whole number" }).int().min(0).max(10).default(0),
    PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3000),
    NEXTAUTH_URL: z.string().url({ message: "must be the console's public URL" }).optional(),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AUTH_LOCAL_ENABLED: booleanFlag.default(true),
    OIDC_ISSUER: z.string().url({ message: "must be the issuer URL of the identity provider" }).optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("Single sign-on"),
    SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    SIGNIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    // Outgoing webhooks to a receiver on loopback; unset: allowed outside production and when
    // NEXTAUTH_URL itself is on loopback (server/webhooks/url-policy.ts).
    WEBHOOK_ALLOW_LOOPBACK: booleanFlag.optional(),
    // The first wait before a failed webhook delivery is tried again; each next wait doubles.
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
    // Where runs' workspaces are checked out (one directory per run, removed when the run ends).
    RUNS_DIR: z.string().min(1).default(path.join(process.cwd(), ".data", "runs")),
    // Hosts the package_registries egress profile lets sandboxed commands reach through the egress
    // proxy (comma-separated host, *.domain or IPv4 rules, optionally :port); unset: the public
    // registries (server/policy/egress-rules.ts).
    SANDBOX_PACKAGE_REGISTRIES: z.string().optional().superRefine((v, ctx) => {
      if (v === undefined) return;
      for (const text of v.split(",").filter((t) => t.trim())) {
        const r = parseHostRule(text);
        if (!r.ok) ctx.addIssue({ code: "custom", message: r.problem });
      }
    }),
    // Private or loopback networks the egress proxy may still connect to (an internal registry
    // mirror), comma-separated IPv4 CIDRs; unset: none.
    SANDBOX_EGRESS_TRUSTED_CIDRS: z.string().optional().refine(
      (v) => v === undefined || v.split(",").filter((t) => t.trim()).every((c) => parseCidr(c) !== null),
      "must be comma-separated IPv4 networks like 10.20.0.0/16",
    ),
    // The GitHub App Fleetgate publishes through (all three, or none: then no App is configured).
    // GITHUB_API_URL: github.com's API, a GitHub Enterprise Server's (https://host/api/v3), or the twin's.
    // The platform's one currency (ISO 4217): every price, cost and budget is in its micro-units.
    COST_CURRENCY: z.string().regex(/^[A-Z]{3}$/, "must be a three-letter currency code like USD").default("USD"),
    GITHUB_APP_ID: z.coerce.number({ message: "must be the App's numeric id" }).int().min(1).optional(),
    GITHUB_APP_PRIVATE_KEY_FILE: z.string().min(1).optional(),
    GITHUB_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    GITHUB_API_URL: z.string().url({ message: "must be the API's base URL, e.g. https://api.github.com" }).default("https://api.github.com"),
    // The embedded GitHub twin's URL (scripts/up.sh sets it when it starts one): the seed puts the demo
    // repositories and pull requests there, through the App above, whose GITHUB_API_URL it must be.
    GITHUB_TWIN_URL: z.string().url({ message: "must be the GitHub twin's URL, e.g. http://127.0.0.1:3010" }).optional(),
    // The pace of writes per installation (server/github/pace.ts), GitHub's documented secondary
    // limits by default: writes at least 1 s apart, 80 content-creating requests a minute, 500 an hour.
    GITHUB_WRITE_SPACING_MS: z.coerce.number({ message: "must be a number of milliseconds" }).int().min(0).max(60_000).default(1000),
    GITHUB_CONTENT_PER_MINUTE: z.coerce.number({ message: "must be a whole number" }).int().min(1).max(100_000).default(80),
    GITHUB_CONTENT_PER_HOUR: z.coerce.number({ message: "must be a whole number" }).int().min(1).max(1_000_000).default(500),
    // Where the seed creates the demo repositories' remotes (bare git repositories).
    DEMO_REPOS_DIR: z.string().min(1).default(path.join(process.cwd(), ".data", "repos")),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"] as const) {
        if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when any OIDC_* setting is set" });
      }
    }
    const github = [env.GITHUB_APP_ID, env.GITHUB_APP_PRIVATE_KEY_FILE, env.GITHUB_WEBHOOK_SECRET];
    if (github.some((v) => v !== undefined) && !github.every((v) => v !== undefined)) {
      for (const key of ["GITHUB_APP_ID", "GITHUB_APP_PRIVATE_KEY_FILE", "GITHUB_WEBHOOK_SECRET"] as const) {
        if (env[key] === undefined) ctx.addIssue({ code: "custom", path: [key], message: "is required when any GITHUB_APP_* setting is set" });
      }
    }
    if (!env.AUTH_LOCAL_ENABLED && !env.OIDC_ISSUER) {
      ctx.addIssue({ code: "custom", path: ["AUTH_LOCAL_ENABLED"], message: "is false but no OIDC_ISSUER is set: nobody could sign in" });
    }
  });

export type Env = z.infer<typeof EnvSchema> & { NEXTAUTH_SECRET: string; DATABASE_APP_URL: string };

export const APP_DB_ROLE = "fleetgate_app";

function appDatabaseUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.username = APP_DB_ROLE;
  url.password = "";
  return url.toString();
}

export class EnvError extends Error {}

/** sysexits' EX_CONFIG: distinct from the exit codes commands give their own results. */
export const EXIT_CONFIG = 78;

/** Parses an environment; throws EnvError with one line per bad variable. */
export function parseEnv(source: Record<string, string | undefined>): z.infer<typeof EnvSchema> {
  // Empty strings count as unset, as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = EnvSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${i.path.join(".") || "environment"} ${i.message}`);
    throw new EnvError(`invalid configuration: ${lines.join("; ")}`);
  }
  return result.data;
}

// In development the session secret is generated once and kept in a git-ignored file, so sign-ins
// survive restarts without anyone having to invent a secret.
function localSecret(): string {
  const dir = path.join(process.cwd(), ".fleetgate");
  const file = path.join(dir, "nextauth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret + "\n", { mode: 0o600 });
  return secret;
}

function load(): Env {
  let parsed: z.infer<typeof EnvSchema>;
  try {
    parsed = parseEnv(process.env);
  } catch (e) {
    if (e instanceof EnvError) {
      console.error(`fleetgate: ${e.message}`);
      process.exit(EXIT_CONFIG);
    }
    throw e;
  }
  if (!parsed.NEXTAUTH_SECRET && parsed.NODE_ENV === "production") {
    console.error("fleetgate: invalid configuration: NEXTAUTH_SECRET is required in production (32+ characters)");
    process.exit(EXIT_CONFIG);
  }
  return {
    ...parsed,
    NEXTAUTH_SECRET: parsed.NEXTAUTH_SECRET ?? localSecret(),
    DATABASE_APP_URL: parsed.DATABASE_APP_URL ?? appDatabaseUrl(parsed.DATABASE_URL),
  };
}

let cached: Env | undefined;

/** The validated configuration, loaded on first use. */
export function env(): Env {
  cached ??= load();
  return cached;
}

// Settings of the project's own tooling (test tiers, bench), validated like the application's.
const ToolingSchema = z.object({
  TEST_DATABASE_URL: postgresUrl.default("postgresql://postgres@127.0.0.1:5432/fleetgate_test"),
  E2E_DATABASE_URL: postgresUrl.default("postgresql://postgres@127.0.0.1:5432/fleetgate_e2e"),
  E2E_PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3100),
  E2E_OIDC_PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3190),
  // The e2e tier's own GitHub twin (its data under .data/e2e-github-twin-<port>).
  E2E_TWIN_PORT: z.coerce.number({ message: "must be a port number" }).int().min(1).max(65535).default(3110),
  E2E_REUSE_SERVER: booleanFlag.default(false),
  // The web server, the worker and Chromium share the machine with the test workers: one per core, at most 4.
  E2E_WORKERS: z.coerce.number({ message: "must be a whole number from 1 to 16" }).int().min(1).max(16).default(Math.min(4, availableParallelism())),
  CHROMIUM_PATH: z.string().min(1).default("/usr/bin/chromium"),
  BENCH_DATABASE_URL: postgresUrl.default("postgresql://postgres@127.0.0.1:5432/fleetgate_bench"),
  BENCH_LARGE_EVENTS: z.coerce.number({ message: "must be a whole number" }).int().min(1000).default(1_000_000),
  // Figure (r), PR-storm caps: the campaign's targets and how long it runs (the integrator's full run: 1000 and 10).
  BENCH_CAPS_TARGETS: z.coerce.number({ message: "must be a whole number" }).int().min(20).default(1_000),
  BENCH_CAPS_MINUTES: z.coerce.number({ message: "must be a number of minutes" }).min(0.5).max(120).default(10),
});

export type ToolingEnv = z.infer<typeof ToolingSchema>;

/** The tooling settings; a bad value throws EnvError naming the variable. */
export function toolingEnv(): ToolingEnv {
  const cleaned = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => k in ToolingSchema.shape && v !== ""));
  const result = ToolingSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(`invalid configuration: ${result.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
  }
  return result.data;
}

type Overridable = "DATABASE_URL" | "QUEUE_PREFIX" | "NODE_ENV" | "WEBHOOK_RETRY_BASE_MS" | "SANDBOX_PACKAGE_REGISTRIES" | "SANDBOX_EGRESS_TRUSTED_CIDRS"
  | "GITHUB_APP_ID" | "GITHUB_APP_PRIVATE_KEY_FILE" | "GITHUB_WEBHOOK_SECRET" | "GITHUB_API_URL" | "GITHUB_TWIN_URL"
  | "GITHUB_WRITE_SPACING_MS" | "GITHUB_CONTENT_PER_MINUTE" | "GITHUB_CONTENT_PER_HOUR";

/**
 * Points this process's application settings elsewhere (the test tiers and the bench use their
 * own databases and queue prefixes). Must run before the first env() call that should see it;
 * the cached configuration is dropped so the next call reads the new values.
 */
export function overrideEnv(values: Partial<Record<Overridable, string>>): void {
  Object.assign(process.env, values);
  cached = undefined;
}
