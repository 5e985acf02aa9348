import { z } from "zod";

export const RISK_TIERS = ["low", "standard", "high", "regulated", "critical"] as const;
export const ZRiskTier = z.enum(RISK_TIERS, { message: `must be one of ${RISK_TIERS.join(", ")}` });

export const ZRepository = z.object({
  id: z.string(),
  provider: z.string(),
  owner: z.string(),
  name: z.string(),
  fullName: z.string(),
  defaultBranch: z.string(),
  riskTier: ZRiskTier,
  team: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
  verifierProfile: z.string().describe("the name of the tenant's verifier profile its runs end with"),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RepositoryView = z.infer<typeof ZRepository>;

type Row = {
  id: string; provider: string; owner: string; name: string; defaultBranch: string; riskTier: (typeof RISK_TIERS)[number];
  createdAt: Date; updatedAt: Date; team: { id: string; slug: string; name: string } | null; verifierProfile: string;
};

export const repositoryView = (r: Row): RepositoryView => ({
  id: r.id, provider: r.provider, owner: r.owner, name: r.name, fullName: `${r.owner}/${r.name}`,
  defaultBranch: r.defaultBranch, riskTier: r.riskTier, team: r.team, verifierProfile: r.verifierProfile,
  createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
});

export const repositoryInclude = { team: { select: { id: true, slug: true, name: true } } } as const;

export const auditShape = (r: RepositoryView) => ({ fullName: r.fullName, defaultBranch: r.defaultBranch, riskTier: r.riskTier, teamId: r.team?.id ?? null, verifierProfile: r.verifierProfile });
