// The twin process's configuration, validated apart from Fleetgate's env (the twin is its own
// process and may run without Fleetgate's variables). A bad value stops it with one line.
import { z } from "zod";

const ZTwinEnv = z.object({
  GITHUB_TWIN_PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).default(3010),
  GITHUB_TWIN_HOST: z.string().min(1).default("127.0.0.1"),
  GITHUB_TWIN_DATA_DIR: z.string().min(1).default(".data/github-twin"),
  GITHUB_TWIN_APP_ID: z.coerce.number({ message: "must be a whole number" }).int().min(1).default(1),
  GITHUB_TWIN_APP_SLUG: z.string().regex(/^[a-z0-9-]{1,34}$/, "must be lowercase letters, digits or '-'").default("fleetgate"),
  GITHUB_TWIN_WEBHOOK_URL: z.string().url({ message: "must be the URL webhooks are POSTed to" }).optional(),
  GITHUB_TWIN_WEBHOOK_SECRET: z.string().min(16, "must be at least 16 characters"),
  /** The app's public key (PEM); unset: the twin generates a key pair into its data directory. */
  GITHUB_TWIN_APP_PUBLIC_KEY: z.string().includes("PUBLIC KEY", { message: "must be a PEM public key" }).optional(),
});
export type TwinEnv = z.infer<typeof ZTwinEnv>;

/** The configuration, or one line naming the first bad variable. */
export function parseTwinEnv(source: Record<string, string | undefined>): { ok: true; env: TwinEnv } | { ok: false; message: string } {
  const r = ZTwinEnv.safeParse(Object.fromEntries(Object.entries(source).filter(([, v]) => v !== "")));
  if (r.success) return { ok: true, env: r.data };
  const issue = r.error.issues[0];
  return { ok: false, message: `${issue?.path.join(".") ?? "environment"} ${issue?.message ?? "is invalid"}` };
}
