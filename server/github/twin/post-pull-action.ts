// A person's action from a pull request's page: the posted form (application/x-www-form-urlencoded)
// read into the same action `POST /_twin/human` takes and performed by the same code. A form that
// does not say who acts, or what, or lacks a needed field is refused (400) before anything changes;
// what GitHub itself would refuse (approving one's own PR, merging a blocked one) keeps GitHub's status.
import { GithubError } from "./github-error";
import { performHumanAction, ZHumanAction, type HumanAction } from "./human-actions";
import { CHECK_CONCLUSIONS } from "./pull-action-forms";
import type { TwinContext } from "./twin-context";
import type { TwinPull, TwinRepository } from "./twin-types";

const LOGIN_RE = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const FORM_ACTIONS = ["approve", "request_changes", "comment", "ready_for_review", "merge", "close", "set_check"] as const;
type FormAction = (typeof FORM_ACTIONS)[number];

export type FormReading = { ok: true; action: HumanAction } | { ok: false; message: string };

export function readActionForm(form: URLSearchParams, repo: TwinRepository, pull: TwinPull): FormReading {
  const action = form.get("action") ?? "";
  const login = (form.get("as") ?? "").trim();
  const body = form.get("body") ?? "";
  if (!FORM_ACTIONS.includes(action as FormAction)) return { ok: false, message: action ? `There is no action "${action}" here: use one of ${FORM_ACTIONS.join(", ")}.` : "The form names no action." };
  if (!login) return { ok: false, message: 'Say whom to act as: the "Act as" login is empty.' };
  if (!LOGIN_RE.test(login)) return { ok: false, message: `"${login}" is not a GitHub login (letters, digits and hyphens, at most 39).` };
  const target = { repo: `${repo.owner}/${repo.name}`, number: pull.number, user: login };
  let candidate: Record<string, unknown>;
  switch (action as FormAction) {
    case "approve":
      candidate = { action, ...target, ...(body.trim() ? { body } : {}) };
      break;
    case "request_changes":
    case "comment":
      if (!body.trim()) return { ok: false, message: action === "comment" ? "The comment is empty: write something to comment." : "Requesting changes needs a comment saying which." };
      candidate = { action, ...target, body };
      break;
    case "merge": {
      const method = form.get("method") || "merge";
      if (method !== "merge" && method !== "squash") return { ok: false, message: `"${method}" is not a merge method: use merge or squash.` };
      candidate = { action, ...target, method };
      break;
    }
    case "set_check": {
      const name = (form.get("name") ?? "").trim();
      const conclusion = form.get("conclusion") ?? "";
      if (!name) return { ok: false, message: "The check needs a name." };
      if (!CHECK_CONCLUSIONS.includes(conclusion as (typeof CHECK_CONCLUSIONS)[number])) return { ok: false, message: `"${conclusion}" is not a check conclusion: use one of ${CHECK_CONCLUSIONS.join(", ")}.` };
      candidate = { action, ...target, name, conclusion };
      break;
    }
    default:
      candidate = { action, ...target };
  }
  const parsed = ZHumanAction.safeParse(candidate);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `${i.path.join(".") || "form"}: ${i.message}`).join("; ") };
  return { ok: true, action: parsed.data };
}

/** GitHub's refusal in words: its message and any `errors` it carries. */
function describeRefusal(e: GithubError): string {
  const errors = Array.isArray(e.extra.errors) ? e.extra.errors.map((x) => (typeof x === "string" ? x : typeof x?.message === "string" ? x.message : JSON.stringify(x))) : [];
  return [e.message, ...errors].join(": ");
}

export type ActionOutcome = { status: 303; query: URLSearchParams } | { status: number; message: string };

export async function performPullAction(ctx: TwinContext, repo: TwinRepository, pull: TwinPull, form: URLSearchParams): Promise<ActionOutcome> {
  const reading = readActionForm(form, repo, pull);
  if (!reading.ok) return { status: 400, message: reading.message };
  const a = reading.action;
  try {
    await performHumanAction(ctx, a);
  } catch (e) {
    if (e instanceof GithubError) return { status: e.status, message: describeRefusal(e) };
    throw e;
  }
  const query = new URLSearchParams({ done: a.action, as: a.user });
  if (a.action === "set_check") query.set("check", `${a.name}: ${a.conclusion}`);
  return { status: 303, query };
}

const DONE: Record<FormAction, string> = {
  approve: "approved these changes",
  request_changes: "requested changes",
  comment: "commented",
  ready_for_review: "marked this pull request ready for review",
  merge: "merged this pull request",
  close: "closed this pull request",
  set_check: "set a check",
};

/** The notice a page shows after a redirect from an action, from its query (null when there is none). */
export function noticeFromQuery(query: URLSearchParams): string | null {
  const done = query.get("done") as FormAction | null;
  const login = query.get("as") ?? "";
  if (!done || !FORM_ACTIONS.includes(done) || !LOGIN_RE.test(login)) return null;
  const check = done === "set_check" ? query.get("check") : null;
  return `${login} ${DONE[done]}${check ? ` (${check.slice(0, 120)})` : ""}.`;
}

/** The login the page's forms start with: the one just used, or octocat. */
export const actingLogin = (query: URLSearchParams) => {
  const login = query.get("as") ?? "";
  return LOGIN_RE.test(login) ? login : "octocat";
};
