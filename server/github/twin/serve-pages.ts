// The twin's web pages, beside its API on the same port: GET / (home), GET /<owner>/<repo> (a
// repository) and GET /<owner>/<repo>/pull/<n> (a pull request: the html_url the API gives out),
// and POST /<owner>/<repo>/pull/<n>/act (a person's action from that page). Only paths of exactly
// these shapes, naming a repository the twin has, are pages; the API's roots (/repos, /app,
// /installation, /users, /orgs, /_twin) and git's paths never are.
import type { IncomingMessage, ServerResponse } from "node:http";
import { html, type Html } from "./html-template";
import { loadPullView } from "./load-pull-view";
import { renderHomeBody } from "./page-home";
import { renderPage, sendHtml, type PageNotice } from "./page-layout";
import { findRepositoryNamed, pullPath, repoPath } from "./page-parts";
import { renderPullBody } from "./page-pull";
import { renderRepositoryBody } from "./page-repository";
import { actingLogin, noticeFromQuery, performPullAction } from "./post-pull-action";
import type { TwinContext } from "./twin-context";

export type PageRequest = { kind: "home" } | { kind: "repository"; owner: string; name: string } | { kind: "pull" | "act"; owner: string; name: string; number: number };

const NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}";
const REPOSITORY_RE = new RegExp(`^/(${NAME})/(${NAME})$`);
const PULL_RE = new RegExp(`^/(${NAME})/(${NAME})/pull/([1-9][0-9]{0,8})(/act)?$`);
/** First segments that belong to the API (or GitHub's own pages), never to an owner. */
const NOT_OWNERS = new Set(["_twin", "repos", "app", "apps", "installation", "installations", "users", "user", "orgs", "organizations", "avatars", "enterprises", "search", "login", "settings"]);
const MAX_FORM_BYTES = 256 * 1024;

export function matchPage(method: string, pathname: string): PageRequest | null {
  if (method === "GET" && pathname === "/") return { kind: "home" };
  const pull = PULL_RE.exec(pathname);
  if (pull && !NOT_OWNERS.has(pull[1]!.toLowerCase())) {
    const kind = pull[4] ? "act" : "pull";
    if ((kind === "act" ? "POST" : "GET") !== method) return null;
    return { kind, owner: pull[1]!, name: pull[2]!, number: Number(pull[3]) };
  }
  const repo = REPOSITORY_RE.exec(pathname);
  if (method === "GET" && repo && !NOT_OWNERS.has(repo[1]!.toLowerCase())) return { kind: "repository", owner: repo[1]!, name: repo[2]! };
  return null;
}

/**
 * The page a request is for, when its path has a page's shape and the twin has the repository it
 * names; otherwise null and the API answers (its JSON 404 for an unknown path stays as it was).
 */
export function routePage(ctx: TwinContext, method: string, pathname: string): PageRequest | null {
  const request = matchPage(method, pathname);
  if (!request || request.kind === "home") return request;
  return findRepositoryNamed(ctx, request.owner, request.name) ? request : null;
}

const page = (title: string, body: Html, options: { crumbs?: Html; notice?: PageNotice | null } = {}) => renderPage({ title, body, ...options });

function sendProblem(res: ServerResponse, status: number, title: string, message: string, back?: string) {
  sendHtml(res, status, page(title, html`<h1>${title}</h1><div class="notice error">${message}</div>${back ? html`<p><a href="${back}">Back to the pull request</a>: nothing was changed.</p>` : html`<p><a href="/">The twin's home</a></p>`}`));
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_FORM_BYTES) return null;
    chunks.push(c as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/**
 * A form post must come from the twin's own pages: a browser sends Origin with it, and another
 * site's page (or a rebound DNS name) must not act here through a developer's browser.
 */
function fromOwnPage(ctx: TwinContext, req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const host = req.headers.host ?? "";
  const own = new URL(ctx.urls.html);
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$/i.test(host) || host === own.host;
  return loopback && origin === `http://${host}`;
}

export async function servePage(ctx: TwinContext, request: PageRequest, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  if (request.kind === "home") return sendHtml(res, 200, page("Home", renderHomeBody(ctx)));
  const repo = findRepositoryNamed(ctx, request.owner, request.name);
  if (!repo) return sendProblem(res, 404, "Not found", `There is no repository ${request.owner}/${request.name} on this twin.`); // gone since routePage
  const repoCrumb = html`<a href="${repoPath(repo)}">${repo.owner}/${repo.name}</a>`;
  if (request.kind === "repository") return sendHtml(res, 200, page(`${repo.owner}/${repo.name}`, await renderRepositoryBody(ctx, repo), { crumbs: html`<a href="/">Home</a> / ${repoCrumb}` }));
  const pull = ctx.store.data.pulls.find((p) => p.repositoryId === repo.id && p.number === request.number);
  if (!pull) return sendProblem(res, 404, "Not found", `${repo.owner}/${repo.name} has no pull request #${request.number}.`);
  const back = pullPath(repo, pull.number);
  if (request.kind === "act") {
    if (!fromOwnPage(ctx, req)) return sendProblem(res, 403, "Forbidden", "This form was posted from another site's page; the twin takes actions only from its own pages.", back);
    const form = await readForm(req);
    if (!form) return sendProblem(res, 413, "Too large", `The form is larger than ${MAX_FORM_BYTES / 1024} KiB.`, back);
    const outcome = await performPullAction(ctx, repo, pull, form);
    if ("query" in outcome) {
      res.writeHead(303, { location: `${back}?${outcome.query}`, "cache-control": "no-store" });
      return void res.end();
    }
    if (outcome.status === 400) return sendProblem(res, 400, "Bad form", outcome.message, back);
    return sendProblem(res, outcome.status, `Refused (${outcome.status})`, `GitHub would refuse this: ${outcome.message}`, back);
  }
  const notice = noticeFromQuery(url.searchParams);
  const body = renderPullBody(await loadPullView(ctx, repo, pull), actingLogin(url.searchParams));
  sendHtml(res, 200, page(`${pull.title} · #${pull.number}`, body, { crumbs: html`<a href="/">Home</a> / ${repoCrumb} / pull request #${pull.number}`, notice: notice ? { kind: "ok", text: notice } : null }));
}
