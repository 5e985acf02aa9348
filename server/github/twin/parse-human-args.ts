// The twin's human-side CLI (scripts/github-twin.ts) reads its command line here: every mistake is one
// line saying what is wrong and where, checked against the same schema the control endpoint uses.
import { parseArgs } from "node:util";
import { ZHumanAction } from "./human-actions";

export const HUMAN_USAGE = "usage: github-twin <approve|request_changes|comment|push|merge|close|ready_for_review|set_check|set_commit_check|set_status|move_base> <owner/repo> [number] --as <login> [--body ...] [--file path=content ...] [--message ...] [--name ... --conclusion ... [--status ...]] [--ref sha|branch] [--state ... --context ... --description ...] [--method merge|squash] [--branch ...]";

export type HumanArgs = { ok: true; body: unknown } | { ok: false; message: string };

export function parseHumanArgs(argv: readonly string[]): HumanArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv], allowPositionals: true, strict: true,
      options: { as: { type: "string" }, body: { type: "string" }, name: { type: "string" }, conclusion: { type: "string" }, message: { type: "string" }, method: { type: "string" }, branch: { type: "string" }, file: { type: "string", multiple: true },
        ref: { type: "string" }, status: { type: "string" }, state: { type: "string" }, context: { type: "string" }, description: { type: "string" },
      },
    });
  } catch (e) {
    return { ok: false, message: `${(e as Error).message.split(/\.\s/)[0]}; ${HUMAN_USAGE}` };
  }
  const { positionals, values } = parsed;
  const [action, repo, number, ...extra] = positionals;
  if (!action || !repo || !values.as) return { ok: false, message: HUMAN_USAGE };
  if (extra.length) return { ok: false, message: `unexpected argument ${JSON.stringify(extra[0])}; ${HUMAN_USAGE}` };
  const files: Record<string, string> = {};
  for (const f of values.file ?? []) {
    const eq = f.indexOf("=");
    if (eq < 1) return { ok: false, message: `--file must be path=content, not ${JSON.stringify(f)}` };
    files[f.slice(0, eq)] = f.slice(eq + 1);
  }
  if (number !== undefined && !/^[1-9]\d*$/.test(number)) return { ok: false, message: `the pull request number must be a whole number, not ${JSON.stringify(number)}` };
  const { as: user, file: _files, ...rest } = values;
  const body = { action, repo, user, ...(number ? { number: Number(number) } : {}), ...rest, ...(values.file ? { files } : {}) };
  const checked = ZHumanAction.safeParse(body);
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    return { ok: false, message: `${issue.path.length ? `${issue.path.join(".")}: ` : ""}${issue.message}` };
  }
  return { ok: true, body: checked.data };
}
