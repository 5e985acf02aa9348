// What setting and releasing a kill switch take (API bodies and the console's forms).
import { z } from "zod";
import { ZId } from "../http/define-route";
import { CAPABILITIES, KILL_EFFECTS, KILL_LEVELS } from "./kill-switch-kinds";

const ZReason = z.string().trim().min(3, "say why (at least 3 characters)").max(500);

export const ZSetKillSwitch = z.object({
  level: z.enum(KILL_LEVELS),
  /** repository: its id; campaign: its id; capability: one of CAPABILITIES; global and tenant: none. */
  target: z.string().trim().min(1).max(100).optional(),
  /** What it stops (not for capability switches, which take the capability away from every run). */
  effects: z.array(z.enum(KILL_EFFECTS)).max(KILL_EFFECTS.length).default([]),
  reason: ZReason,
}).strict().superRefine((b, issue) => {
  const targeted = b.level === "repository" || b.level === "campaign" || b.level === "capability";
  if (targeted && !b.target) issue.addIssue({ code: "custom", path: ["target"], message: `a ${b.level} switch needs a target` });
  if (!targeted && b.target) issue.addIssue({ code: "custom", path: ["target"], message: `a ${b.level} switch has no target` });
  if ((b.level === "repository" || b.level === "campaign") && b.target && !ZId.safeParse(b.target).success) issue.addIssue({ code: "custom", path: ["target"], message: "must be an id" });
  if (b.level === "capability" && b.target && !(CAPABILITIES as readonly string[]).includes(b.target)) {
    issue.addIssue({ code: "custom", path: ["target"], message: `must be one of ${CAPABILITIES.join(", ")}` });
  }
  if (b.level === "capability" && b.effects.length) issue.addIssue({ code: "custom", path: ["effects"], message: "a capability switch takes the capability away; it has no effects" });
  if (b.level !== "capability" && !b.effects.length) issue.addIssue({ code: "custom", path: ["effects"], message: `choose what it stops: ${KILL_EFFECTS.join(", ")}` });
  if (new Set(b.effects).size !== b.effects.length) issue.addIssue({ code: "custom", path: ["effects"], message: "each effect once" });
});
export type SetKillSwitchInput = z.infer<typeof ZSetKillSwitch>;

export const ZReleaseKillSwitch = z.object({ reason: ZReason }).strict();

export const ZKillSwitchFilter = z.object({
  state: z.enum(["set", "released", "all"]).default("set"),
  limit: z.coerce.number().int().min(1).max(200).default(100),
}).strict();
