import { z } from "zod";

export const ZTeam = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  repositoryCount: z.number().int(),
  createdAt: z.string(),
});
export type TeamView = z.infer<typeof ZTeam>;

export const ZTeamSlug = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be lowercase letters, digits and dashes (max 40)");

type Row = { id: string; slug: string; name: string; description: string; createdAt: Date; _count: { repositories: number } };

export const teamView = (t: Row): TeamView => ({
  id: t.id, slug: t.slug, name: t.name, description: t.description,
  repositoryCount: t._count.repositories, createdAt: t.createdAt.toISOString(),
});

export const teamInclude = { _count: { select: { repositories: true } } } as const;
