import { z } from "zod";

export const ZSession = z.object({
  id: z.string(),
  current: z.boolean().describe("the session this request came with"),
  method: z.string().describe("password or oidc"),
  client: z.string().nullable().describe("browser and system, e.g. Firefox on Linux"),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string().describe("moved at most once a minute"),
});
export type SessionView = z.infer<typeof ZSession>;

type Row = { id: string; method: string; client: string | null; ip: string | null; createdAt: Date; lastSeenAt: Date };

export const sessionView = (s: Row, currentId: string | undefined): SessionView => ({
  id: s.id,
  current: s.id === currentId,
  method: s.method,
  client: s.client,
  ip: s.ip,
  createdAt: s.createdAt.toISOString(),
  lastSeenAt: s.lastSeenAt.toISOString(),
});
