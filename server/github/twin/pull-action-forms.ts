// The forms on a pull request's page for what a person does there. Each posts to the page's
// `/act` endpoint (post-pull-action.ts) with the action, the login to act as and its fields.
import { html, type Html } from "./html-template";
import type { PullView } from "./load-pull-view";
import { pullPath } from "./page-parts";
import type { CheckConclusion } from "./twin-types";

export const LOGIN_PATTERN = "[A-Za-z0-9][A-Za-z0-9\\-]{0,38}";
export const CHECK_CONCLUSIONS: CheckConclusion[] = ["success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required"];

const actAs = (login: string) => html`<label>Act as <input name="as" value="${login}" required pattern="${LOGIN_PATTERN}" autocomplete="username" spellcheck="false"></label>`;

/** The review box under the conversation: comment, request changes or approve (only comment once closed). */
export function reviewForm(view: PullView, login: string): Html {
  const open = view.pull.state === "open";
  return html`<form class="act" method="post" action="${pullPath(view.repo, view.pull.number)}/act">
${actAs(login)}
<label>${open ? "Comment or review" : "Comment"} <textarea name="body" placeholder="${open ? "Needed to comment or to request changes; optional with an approval." : "Leave a comment."}"></textarea></label>
<div class="row">
<button name="action" value="comment">Comment</button>
${open && html`<button class="danger" name="action" value="request_changes">Request changes</button>
<button class="primary" name="action" value="approve">Approve</button>`}
</div>
</form>`;
}

const sideForm = (view: PullView, login: string, inner: Html) => html`<form class="act" method="post" action="${pullPath(view.repo, view.pull.number)}/act">${actAs(login)}${inner}</form>`;

/** The sidebar's forms: ready for review (a draft) or merge (not a draft), close, and setting a check on the head commit. */
export function sideForms(view: PullView, login: string): Html {
  const { pull } = view;
  const checkNames = [...new Set(view.checkRuns.map((c) => c.name))];
  const setCheck = html`<section><h3>Set a check on ${pull.head.sha.slice(0, 7)}</h3>${sideForm(
    view,
    login,
    html`<label>Check name <input name="name" value="${checkNames[0] ?? "ci"}" required list="check-names" spellcheck="false"></label>
<datalist id="check-names">${checkNames.map((n) => html`<option value="${n}"></option>`)}</datalist>
<label>Conclusion <select name="conclusion">${CHECK_CONCLUSIONS.map((c) => html`<option value="${c}">${c}</option>`)}</select></label>
<button name="action" value="set_check">Set check</button>`,
  )}</section>`;
  if (pull.state !== "open") return setCheck;
  return html`${pull.draft && html`<section><h3>Draft</h3>${sideForm(view, login, html`<button class="primary" name="action" value="ready_for_review">Ready for review</button>`)}</section>`}
${!pull.draft && html`<section><h3>Merge</h3>${sideForm(
    view,
    login,
    html`<label>Method <select name="method"><option value="merge">Create a merge commit</option><option value="squash">Squash and merge</option></select></label>
<button class="merge" name="action" value="merge">Merge pull request</button>`,
  )}</section>`}
<section><h3>Close</h3>${sideForm(view, login, html`<button class="danger" name="action" value="close">Close pull request</button>`)}</section>
${setCheck}`;
}
