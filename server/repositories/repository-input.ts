// What the repositories routes accept: a new repository, a change, the list's query.
import { z } from "zod";
import { ZId } from "../http/define-route";
import { ZVerifierProfileName } from "../verifier-profiles/verifier-profile-input";
import { ZRiskTier } from "./repository-view";

const ZGitName = z.string().trim().regex(/^[A-Za-z0-9._-]{1,100}$/, "must be letters, digits, '.', '_' or '-' (max 100)");

export const ZCreateRepository = z.object({
  provider: z.enum(["github"]).default("github"),
  owner: ZGitName,
  name: ZGitName,
  defaultBranch: z.string().trim().regex(/^[A-Za-z0-9._/-]{1,200}$/, "must be a branch name").default("main"),
  riskTier: ZRiskTier,
  teamId: ZId.nullable().optional(),
  verifierProfile: ZVerifierProfileName.default("none").describe("one of the tenant's verifier profiles (GET .../verifier-profiles)"),
}).strict();

export const ZUpdateRepository = z.object({
  defaultBranch: z.string().trim().regex(/^[A-Za-z0-9._/-]{1,200}$/, "must be a branch name").optional(),
  riskTier: ZRiskTier.optional(),
  teamId: ZId.nullable().optional().describe("null leaves the repository without an owning team"),
  verifierProfile: ZVerifierProfileName.optional().describe("one of the tenant's verifier profiles; the next run takes it"),
}).strict().refine((v) => Object.keys(v).length > 0, "give at least one field to change");

export const ZListRepositoriesQuery = z.object({
  q: z.string().trim().max(200).optional().describe("matches owner or name"),
  riskTier: ZRiskTier.optional(),
  teamId: ZId.optional(),
  cursor: ZId.optional().describe("id to continue after (from nextCursor)"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
}).strict();
