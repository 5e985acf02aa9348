import { z } from "zod";

export const ZTeam = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  githubTeam: z.string().nullable().describe("the GitHub team (slug in the installation's organization) whose members review this team's agent PRs"),
  repositoryCount: z.number().int(),
  /** People in the team (approval rules can ask for approvers from a team). */
  members: z.array(z.object({ userId: z.string(), email: z.string(), name: z.string() })),
  createdAt: z.string(),
});
export type TeamView = z.infer<typeof ZTeam>;

export const ZTeamSlug = z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "must be lowercase letters, digits and dashes (max 40)");

type Row = {
  id: string; slug: string; name: string; description: string; githubTeam: string | null; createdAt: Date; _count: { repositories: number };
  members: { user: { id: string; email: string; name: string } }[];
};

export const teamView = (t: Row): TeamView => ({
  id: t.id, slug: t.slug, name: t.name, description: t.description, githubTeam: t.githubTeam,
  repositoryCount: t._count.repositories, createdAt: t.createdAt.toISOString(),
  members: t.members.map((m) => ({ userId: m.user.id, email: m.user.email, name: m.user.name })).sort((a, b) => a.email.localeCompare(b.email)),
});

export const teamInclude = {
  _count: { select: { repositories: true } },
  members: { select: { user: { select: { id: true, email: true, name: true } } } },
} as const;
