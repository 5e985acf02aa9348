// What the teams routes accept: a new team, a change, a member to add.
import { z } from "zod";
import { ZId } from "../http/define-route";
import { ZTeamSlug } from "./team-view";

export const ZCreateTeam = z.object({
  slug: ZTeamSlug,
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).default(""),
}).strict();

export const ZUpdateTeam = z.object({
  name: z.string().trim().min(1).max(80).optional(),
  description: z.string().trim().max(500).optional(),
}).strict().refine((v) => v.name !== undefined || v.description !== undefined, "give name or description to change");

export const ZAddTeamMember = z.object({ userId: ZId }).strict();
