// What the API and the console show of kill switches.
import { z } from "zod";
import type { KillSwitch } from "../db/generated/client";
import { KILL_EFFECTS, KILL_LEVELS } from "./kill-switch-kinds";

export const ZKillSwitch = z.object({
  id: z.string(),
  /** True for a global switch (every tenant); set and released by platform admins. */
  global: z.boolean(),
  level: z.enum(KILL_LEVELS),
  target: z.string().nullable(),
  /** The repository's or capability's name, for people. */
  targetLabel: z.string().nullable(),
  effects: z.array(z.enum(KILL_EFFECTS)),
  reason: z.string(),
  setByLabel: z.string(),
  setAt: z.string(),
  releasedAt: z.string().nullable(),
  releasedByLabel: z.string().nullable(),
  releaseReason: z.string().nullable(),
  /** A pending request to release it, when the policy wanted approval. */
  releaseApprovalId: z.string().nullable(),
});
export type KillSwitchView = z.infer<typeof ZKillSwitch>;

export function killSwitchView(s: KillSwitch, targetLabel: string | null, releaseApprovalId: string | null): KillSwitchView {
  return {
    id: s.id, global: s.tenantId === null, level: s.level as KillSwitchView["level"], target: s.target, targetLabel,
    effects: s.effects as KillSwitchView["effects"], reason: s.reason, setByLabel: s.setByLabel, setAt: s.setAt.toISOString(),
    releasedAt: s.releasedAt?.toISOString() ?? null, releasedByLabel: s.releasedByLabel, releaseReason: s.releaseReason, releaseApprovalId,
  };
}
