// The editor's preview: what the draft text would decide, recomputed as the admin types. Reads only.
import type { z } from "zod";
import type { OpContext } from "../core/op-context";
import { checkDraft, type DraftCheck } from "./check-draft";
import type { CompiledPolicySet } from "./compile";
import { decideInput, type TriedDecision } from "./decide-input";
import { loadPolicySets } from "./load-policy-sets";
import type { ZPreviewDraft } from "./policy-input";
import { findDocument } from "./policy-lookup";

export type DraftPreview = Omit<DraftCheck, "set" | "document"> & {
  policy: { name: string; level: string; target: string | null; rules: number } | null;
  tried: { draft: TriedDecision | null; active: TriedDecision } | null;
};

/** The draft's set, compiled with everything else in effect; shared by preview, evaluate and replay. */
export async function draftAgainstEffective(ctx: OpContext, text: { content: string; tests: string }, documentId?: string) {
  const doc = documentId ? await findDocument(ctx, documentId) : null;
  const sets = await loadPolicySets(ctx.tx, ctx.scope.tenant.id);
  const others = doc ? sets.active.documents.filter((d) => d.document.metadata.name !== doc.name) : sets.active.documents;
  const check = checkDraft({ ...text, others, identity: doc ?? undefined });
  return { check, active: sets.active };
}

export async function previewPolicyDraft(ctx: OpContext, body: z.infer<typeof ZPreviewDraft>): Promise<DraftPreview> {
  const { check, active } = await draftAgainstEffective(ctx, body, body.documentId);
  const { set, document, ...rest } = check;
  return {
    ...rest,
    policy: document ? { name: document.metadata.name, level: document.metadata.level, target: document.metadata.target ?? null, rules: document.rules.length } : null,
    tried: body.input === undefined ? null : tryInput(set, active, body.input),
  };
}

function tryInput(draft: CompiledPolicySet | null, active: CompiledPolicySet, input: unknown) {
  return { draft: draft ? decideInput(draft, input) : null, active: decideInput(active, input) };
}
