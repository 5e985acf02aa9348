// push: to a changeset's branch by anyone but the App, a head that is not the commit Fleetgate pushed
// freezes the changeset (`edited`); a deleted branch flags it for a person. Every such push is
// recorded as a `push` event. Fleetgate's own pushes are its publisher's to record.
import { z } from "zod";
import { appendChangesetEvent } from "../changesets/changeset-transitions";
import { applied, ignored, tenantHandler } from "./delivery-handler";
import { findChangeset } from "./find-changeset";
import { noteBranchDeleted, noteForeignHead } from "./note-foreign-head";
import { ZRepositoryRef, ZUser } from "./payload-parts";

const ZERO = /^0{40}$/;

const ZPayload = z.object({
  ref: z.string().min(1),
  before: z.string().regex(/^[0-9a-f]{40}$/),
  after: z.string().regex(/^[0-9a-f]{40}$/),
  deleted: z.boolean().optional(),
  forced: z.boolean().optional(),
  // GitHub gives a push's repository.pushed_at in seconds since the epoch.
  repository: ZRepositoryRef.extend({ pushed_at: z.union([z.number(), z.string()]).nullish() }),
  sender: ZUser,
  pusher: z.object({ name: z.string() }).nullish(),
});

const pushedAt = (v: number | string | null | undefined, fallback: Date) => {
  const d = typeof v === "number" ? new Date(v * 1000) : typeof v === "string" ? new Date(v) : fallback;
  return Number.isNaN(d.getTime()) ? fallback : d;
};

export const onPush = tenantHandler(ZPayload, async (ctx, p) => {
  if (!p.ref.startsWith("refs/heads/")) return ignored(`${p.ref} is not a branch`);
  const branch = p.ref.slice("refs/heads/".length);
  const found = await findChangeset(ctx.tx, ctx.tenantId, p.repository, { branch });
  if ("missing" in found) return ignored(found.missing);
  const by = p.sender.login;
  if (by.toLowerCase() === ctx.appBot.toLowerCase()) return ignored(`Fleetgate's own push to ${branch}`);
  const cs = found.changeset;
  const at = pushedAt(p.repository.pushed_at, ctx.receivedAt);
  const deleted = p.deleted === true || ZERO.test(p.after);
  await appendChangesetEvent(ctx.tx, cs, {
    kind: "push", at,
    message: deleted ? `${by} deleted branch ${branch}` : `${by} pushed ${p.after.slice(0, 7)} to ${branch}${p.forced ? " (forced)" : ""}`,
    data: { by, before: p.before, after: p.after, forced: p.forced === true, deleted },
  });
  const noted = deleted
    ? await noteBranchDeleted(ctx.tx, cs, { by, at, source: "webhook" })
    : await noteForeignHead(ctx.tx, cs, { sha: p.after, by, at, source: "webhook" });
  return applied(noted.text);
});
