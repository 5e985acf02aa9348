// The hash chain: hash = sha256(canonical(event) || prevHash), canonical being RFC 8785 JSON.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";

export const GENESIS_HASH = "0".repeat(64);

/** The fields an audit event's hash covers, in the shape both append and verify build. */
export type ChainedFields = {
  chain: string;
  seq: number;
  tenantId: string | null;
  createdAt: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  decision: string;
  requestId: string | null;
  sourceIp: string | null;
  payload: unknown;
  before: unknown;
  after: unknown;
};

export function eventHash(fields: ChainedFields, prevHash: string): string {
  const text = canonicalize(fields);
  if (text === undefined) throw new Error("audit event is not serialisable");
  return createHash("sha256").update(text).update(prevHash).digest("hex");
}
