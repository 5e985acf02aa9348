// The parts of GitHub's webhook payloads Fleetgate reads, as zod schemas: only the fields it uses,
// so a payload carrying more (GitHub adds fields) passes, and one lacking a needed field is ignored
// with the path of what is missing.
import { z } from "zod";

export const ZWhen = z
  .string()
  .refine((s) => !Number.isNaN(Date.parse(s)), "must be a timestamp")
  .transform((s) => new Date(s));

export const ZUser = z.object({ login: z.string().min(1), type: z.string().optional() });

export const ZRepositoryRef = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  owner: z.object({ login: z.string().min(1) }),
});
export type RepositoryRef = z.infer<typeof ZRepositoryRef>;

export const ZHead = z.object({ ref: z.string().min(1), sha: z.string().regex(/^[0-9a-f]{40}$/, "must be a commit SHA") });

export const ZPullRequest = z.object({
  number: z.number().int().positive(),
  html_url: z.string().min(1),
  title: z.string(),
  state: z.enum(["open", "closed"]),
  draft: z.boolean().default(false),
  merged: z.boolean().nullish(),
  created_at: ZWhen,
  updated_at: ZWhen,
  closed_at: ZWhen.nullable(),
  merged_at: ZWhen.nullable(),
  merge_commit_sha: z.string().regex(/^[0-9a-f]{40}$/, "must be a commit SHA").nullish(),
  head: ZHead,
  user: ZUser.nullable(),
  merged_by: ZUser.nullish(),
  labels: z.array(z.object({ name: z.string() })).default([]),
});
export type PullRequestPayload = z.infer<typeof ZPullRequest>;

/** The pull request as review and review-comment events embed it. */
export const ZPullRequestRef = z.object({ number: z.number().int().positive(), head: ZHead, user: ZUser.nullable() });

export const ZComment = z.object({
  id: z.number().int(),
  body: z.string().nullable().default(""),
  user: ZUser.nullable(),
  html_url: z.string().optional(),
  created_at: ZWhen,
  path: z.string().optional(),
  /** A comment on the diff belongs to a review. */
  pull_request_review_id: z.number().int().nullish(),
});
