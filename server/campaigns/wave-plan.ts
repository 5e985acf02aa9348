// A wave plan made concrete for a number of eligible targets: the canary wave (index 0), then each
// size in order (a count, or a percentage of every eligible target, rounded up), each wave taking at
// most what is left. The plan must cover every eligible target; a wave left with nothing to take is
// dropped and said so.
import type { WaveSize } from "./campaign-spec";

export type WaveSizes = { ok: true; sizes: number[]; notes: string[] } | { ok: false; path: "waves.sizes"; message: string };

const label = (s: WaveSize) => (typeof s === "number" ? String(s) : s);

export function resolveWaves(plan: { canary: number; sizes: readonly WaveSize[] }, eligible: number): WaveSizes {
  if (eligible === 0) return { ok: true, sizes: [], notes: ["no eligible target: there is nothing to roll out"] };
  const canary = Math.min(plan.canary, eligible);
  const sizes = [canary];
  const notes: string[] = [];
  if (plan.canary > eligible) notes.push(`the canary wave asks for ${plan.canary} but only ${eligible} targets are eligible`);
  let left = eligible - canary;
  plan.sizes.forEach((s, i) => {
    const wanted = typeof s === "number" ? s : Math.ceil((Number(s.slice(0, -1)) * eligible) / 100);
    const take = Math.min(wanted, left);
    if (take > 0) sizes.push(take);
    else notes.push(`wave ${i + 1} (${label(s)}) is not needed: the waves before it cover every eligible target`);
    left -= take;
  });
  if (left > 0) {
    const covered = eligible - left;
    const parts = [`canary ${canary}`, ...plan.sizes.map(label)].join(" + ");
    return {
      ok: false, path: "waves.sizes",
      message: `the waves cover ${covered} of ${eligible} eligible targets (${parts}); add a wave, or end with "100%" for the rest`,
    };
  }
  return { ok: true, sizes, notes };
}
