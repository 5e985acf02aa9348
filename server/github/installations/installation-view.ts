// What the API and the Admin → GitHub screen show of an installation and the repositories it maps.
// Schemas only, importable by contracts and the browser.
import { z } from "zod";
import { ZRiskTier } from "../../repositories/repository-view";

export const ZGithubInstallation = z.object({
  id: z.string(),
  githubId: z.number().int().describe("GitHub's installation id"),
  accountLogin: z.string(),
  accountType: z.string(),
  repositorySelection: z.string().describe("all, or selected repositories"),
  suspendedAt: z.string().nullable(),
  deletedAt: z.string().nullable().describe("set when the App was uninstalled on GitHub"),
  boundBy: z.string().nullable(),
  boundAt: z.string().nullable(),
  syncedAt: z.string().nullable(),
  repositoryCount: z.number().int().describe("Fleetgate repositories mapped to it"),
});
export type InstallationView = z.infer<typeof ZGithubInstallation>;

export const ZMappedRepository = z.object({
  id: z.string().describe("the Fleetgate repository"),
  fullName: z.string(),
  githubRepoId: z.number().int().nullable(),
  remoteUrl: z.string().nullable(),
  riskTier: ZRiskTier,
  team: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
});
export type MappedRepositoryView = z.infer<typeof ZMappedRepository>;

export const ZInstallationPace = z.object({
  spacingMs: z.number().int().describe("writes at least this far apart"),
  perMinute: z.number().int().describe("content-creating requests in any sliding minute"),
  perHour: z.number().int().describe("content-creating requests in any sliding hour"),
  requestsPerPullRequest: z.number().int().describe("content-creating requests one new pull request costs"),
  pullRequestsPerHour: z.number().int().describe("new pull requests an hour the limits allow"),
  lastMinute: z.number().int().describe("content-creating requests sent in the last minute"),
  lastHour: z.number().int().describe("content-creating requests sent in the last hour"),
});
export type InstallationPaceView = z.infer<typeof ZInstallationPace>;

export const ZGithubInstallationDetail = ZGithubInstallation.extend({ repositories: z.array(ZMappedRepository), pace: ZInstallationPace });
export type InstallationDetailView = z.infer<typeof ZGithubInstallationDetail>;

export const ZSyncResult = z.object({
  installation: ZGithubInstallation,
  listed: z.number().int().describe("repositories GitHub lists for the installation"),
  mapped: z.number().int().describe("existing Fleetgate repositories newly mapped or updated"),
  created: z.number().int().describe("Fleetgate repositories created (risk tier standard, no team)"),
  unmapped: z.number().int().describe("repositories no longer in the installation: mapping removed, repository kept"),
  unchanged: z.number().int(),
});
export type SyncResult = z.infer<typeof ZSyncResult>;

export const ZWebhookHealth = z.object({
  lastReceivedAt: z.string().nullable(),
  last24h: z.object({ received: z.number().int(), applied: z.number().int(), ignored: z.number().int(), failed: z.number().int(), pending: z.number().int() }),
  failures: z.array(z.object({ deliveryId: z.string(), event: z.string(), action: z.string().nullable(), receivedAt: z.string(), reason: z.string().nullable() })),
});
export type WebhookHealthView = z.infer<typeof ZWebhookHealth>;

type InstallationRow = {
  id: string; githubId: bigint; accountLogin: string; accountType: string; repositorySelection: string; suspendedAt: Date | null; deletedAt: Date | null;
  boundByLabel: string | null; boundAt: Date | null; syncedAt: Date | null; _count: { repositories: number };
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export const installationView = (i: InstallationRow): InstallationView => ({
  id: i.id, githubId: Number(i.githubId), accountLogin: i.accountLogin, accountType: i.accountType, repositorySelection: i.repositorySelection,
  suspendedAt: iso(i.suspendedAt), deletedAt: iso(i.deletedAt), boundBy: i.boundByLabel, boundAt: iso(i.boundAt), syncedAt: iso(i.syncedAt),
  repositoryCount: i._count.repositories,
});

export const installationInclude = { _count: { select: { repositories: true } } } as const;

type RepositoryRow = {
  id: string; owner: string; name: string; githubRepoId: bigint | null; remoteUrl: string | null;
  riskTier: z.infer<typeof ZRiskTier>; team: { id: string; slug: string; name: string } | null;
};

export const mappedRepositoryView = (r: RepositoryRow): MappedRepositoryView => ({
  id: r.id, fullName: `${r.owner}/${r.name}`, githubRepoId: r.githubRepoId === null ? null : Number(r.githubRepoId), remoteUrl: r.remoteUrl, riskTier: r.riskTier, team: r.team,
});

/** What an audit event says of an installation (never a token). */
export const installationAuditShape = (i: { githubId: bigint | number; accountLogin: string; accountType: string; repositorySelection: string }) => ({
  githubId: Number(i.githubId), account: i.accountLogin, accountType: i.accountType, repositorySelection: i.repositorySelection,
});
