// One demo campaign target's run and publication, computed as the run and the publisher compute
// them (writeDemoRun's facts, planPublication, pullRequestBody), from the patch its recipe made on
// the twin's main. Pure given its inputs, so the twin step and the rows agree without storing it.
import type { CampaignSpec } from "../../../server/campaigns/campaign-spec";
import { planPublication, type Plan } from "../../../server/github/publish/publication-plan";
import { branchFor, pullRequestBody } from "../../../server/github/pull-request-text";
import { consoleUrl, runPath } from "../../../server/notifications/console-url";
import type { PolicySets } from "../../../server/policy/load-policy-sets";
import { parseRecipe, type RecipeStep } from "../../../server/runs/recipe-schema";
import type { VerifierSnapshot, WorkspaceDiff } from "../../../server/sandbox/types";
import { demoId, demoRunFacts, type DemoRepository, type DemoRunInput } from "../github/seed-demo-run";
import type { Publication } from "./campaign-changes";

export type CampaignRunContext = {
  campaignKey: string;
  campaignId: string;
  spec: CampaignSpec;
  tenantSlug: string;
  owner: { id: string; email: string; name: string };
  policy: PolicySets;
  snapshot: VerifierSnapshot;
};

export const campaignTaskId = (campaignKey: string, repo: string) => demoId("task", `campaign:${campaignKey}:${repo}`);
export const campaignRunId = (campaignKey: string, repo: string) => demoId("run", `campaign:${campaignKey}:${repo}`);
export const campaignBranch = (c: { campaignKey: string; spec: CampaignSpec }, repo: string) => branchFor({ id: campaignTaskId(c.campaignKey, repo), taskClass: c.spec.change.taskClass });

export function recipeOf(spec: CampaignSpec): { text: string; steps: readonly RecipeStep[]; purpose: string } {
  if (spec.change.agent.kind !== "recipe") throw new Error(`demo campaign ${spec.name} must use a recipe agent`);
  const parsed = parseRecipe(spec.change.agent.recipe);
  if (!parsed.ok) throw new Error(`demo campaign ${spec.name}: its recipe does not parse: ${parsed.problems[0]!.message}`);
  return { text: spec.change.agent.recipe, steps: parsed.recipe.steps, purpose: parsed.recipe.metadata.description ?? parsed.recipe.metadata.name };
}

export type Prepared = { input: DemoRunInput; facts: ReturnType<typeof demoRunFacts>; plan: Plan; publication: Publication };

export function prepareChange(c: CampaignRunContext, repo: DemoRepository, riskTier: string, queuedAt: Date, change: { baseSha: string; diff: WorkspaceDiff; did: string[] }): Prepared {
  const recipe = recipeOf(c.spec);
  const input: DemoRunInput = {
    taskId: campaignTaskId(c.campaignKey, repo.name), runId: campaignRunId(c.campaignKey, repo.name), repo, taskClass: c.spec.change.taskClass,
    recipe: recipe.text, purpose: recipe.purpose, did: change.did, instruction: c.spec.change.instruction, autonomy: c.spec.autonomy,
    requester: { id: c.owner.id, email: c.owner.email }, campaignId: c.campaignId, baseSha: change.baseSha, diff: change.diff,
    policy: c.policy, snapshot: c.snapshot, queuedAt,
  };
  const facts = demoRunFacts(input);
  const task = { id: input.taskId, taskClass: input.taskClass, instruction: input.instruction, autonomy: input.autonomy };
  const plan = planPublication({
    task, run: { id: input.runId, promptInjectionSignals: 0, verifierReport: facts.verifierReport }, repository: { riskTier: riskTier as never },
    governance: facts.governance, patch: change.diff.patch, approvalsNeeded: 0, requester: { name: c.owner.name, email: c.owner.email },
  });
  if (plan.mode !== "draft_pr") throw new Error(`demo campaign ${c.spec.name} publishes as ${plan.mode}: the demo's PRs are drafts first`);
  const patchSha256 = facts.patchSha256;
  return {
    input, facts, plan,
    publication: {
      commitMessage: plan.commitMessage, commitAt: facts.finishedAt, title: plan.title, labels: plan.labels, draft: true,
      body: (headSha) => pullRequestBody({
        task, run: { id: input.runId, url: consoleUrl(runPath(c.tenantSlug, input.runId)) }, mode: plan.mode as "draft_pr", verifiers: plan.verifiers, risk: plan.risk,
        provenance: {
          campaignId: c.campaignId, agent: "recipe (declared steps)", sandboxProfile: `bubblewrap, egress ${facts.governance.egressProfile}`, baseSha: change.baseSha, headSha,
          effectivePolicyHash: facts.policyHash, verifierProfile: c.snapshot.profile, patchSha256,
        },
      }),
    },
  };
}
