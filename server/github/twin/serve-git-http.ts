// Git smart HTTP at /<owner>/<repo>.git/..., served by git's own `git http-backend` (CGI) over the
// bare repositories, authenticated as GitHub does: HTTP Basic with `x-access-token` and an
// installation token. Fetching needs contents:read on the repository, pushing contents:write. A
// repository outside the token's grant is "not found"; a push that may not write is a 403. After a
// push the twin updates its view (branch heads, open pull requests' heads) and sends webhooks.
import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { applyRefChanges, type RefChange } from "./apply-ref-changes";
import { installationAuth } from "./authenticate-request";
import { readBranches } from "./bare-repository";
import { GithubError } from "./github-error";
import { permits, tokenRepositories } from "./installation-access";
import { gitEnv, ZERO_SHA } from "./run-git";
import { appBot, type TwinContext } from "./twin-context";

const GIT_PATH_RE = /^\/([^/]+)\/([^/]+?)\.git\/(info\/refs|git-upload-pack|git-receive-pack|HEAD)$/;

export const isGitPath = (pathname: string) => GIT_PATH_RE.test(pathname);

function deny(res: ServerResponse, status: number, message: string, basicChallenge = false) {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...(basicChallenge ? { "www-authenticate": 'Basic realm="GitHub"' } : {}) });
  res.end(`${message}\n`);
}

export async function serveGitHttp(ctx: TwinContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const [, owner = "", name = "", rest = ""] = GIT_PATH_RE.exec(url.pathname) ?? [];
  const write = url.searchParams.get("service") === "git-receive-pack" || rest === "git-receive-pack";

  const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? "");
  if (!basic) return deny(res, 401, "Authentication required", true);
  const decoded = Buffer.from(basic[1] ?? "", "base64").toString("utf8");
  const password = decoded.slice(decoded.indexOf(":") + 1);
  let auth;
  try {
    auth = installationAuth(ctx.store, password);
  } catch (e) {
    if (e instanceof GithubError) return deny(res, 401, "Invalid username or token. Password authentication is not supported for Git operations.", true);
    throw e;
  }
  const repo = tokenRepositories(ctx.store.data, auth.token).find((r) => r.owner.toLowerCase() === owner.toLowerCase() && r.name.toLowerCase() === name.toLowerCase());
  if (!repo || !permits(auth.token.permissions, "contents", "read")) return deny(res, 404, "Repository not found.");
  const bot = appBot(ctx).login;
  if (write && !permits(auth.token.permissions, "contents", "write")) return deny(res, 403, `Permission to ${repo.owner}/${repo.name}.git denied to ${bot}.`);

  const dir = path.join(ctx.store.dataDir, "repos", repo.owner, `${repo.name}.git`);
  const run = () => runBackend(ctx, req, res, url, `/${repo.owner}/${repo.name}.git/${rest}`, bot);
  if (!(write && req.method === "POST")) return void (await run()).end();
  // The answer ends only once the twin's view follows the push, so a client that pushed and then
  // asks the API sees its commit, as on GitHub.
  await ctx.withRepositoryLock(repo.id, async () => {
    const before = await readBranches(dir);
    const answer = await run();
    const after = await readBranches(dir);
    const changes: RefChange[] = [];
    for (const [branch, sha] of after) if (before.get(branch) !== sha) changes.push({ branch, before: before.get(branch) ?? ZERO_SHA, after: sha });
    for (const [branch, sha] of before) if (!after.has(branch)) changes.push({ branch, before: sha, after: ZERO_SHA });
    try {
      if (changes.length) await applyRefChanges(ctx, repo, changes, bot);
    } finally {
      answer.end();
    }
  });
}

/** Streams git's answer; resolves with the response still open, for the caller to end. */
function runBackend(ctx: TwinContext, req: IncomingMessage, res: ServerResponse, url: URL, pathInfo: string, remoteUser: string): Promise<ServerResponse> {
  return new Promise((resolve) => {
    const header = (name: string) => (typeof req.headers[name] === "string" ? (req.headers[name] as string) : "");
    const child = spawn("git", ["http-backend"], {
      env: gitEnv({
        GIT_PROJECT_ROOT: path.join(ctx.store.dataDir, "repos"),
        GIT_HTTP_EXPORT_ALL: "1",
        PATH_INFO: pathInfo,
        REQUEST_METHOD: req.method ?? "GET",
        QUERY_STRING: url.search.replace(/^\?/, ""),
        CONTENT_TYPE: header("content-type"),
        ...(header("content-length") ? { CONTENT_LENGTH: header("content-length") } : {}),
        HTTP_CONTENT_ENCODING: header("content-encoding"),
        GIT_PROTOCOL: header("git-protocol"),
        REMOTE_USER: remoteUser,
        REMOTE_ADDR: req.socket.remoteAddress ?? "127.0.0.1",
      }),
      stdio: ["pipe", "pipe", "pipe"],
    });
    req.pipe(child.stdin);
    child.stdin.on("error", () => undefined);
    let head = Buffer.alloc(0);
    let headersSent = false;
    const stderr: Buffer[] = [];
    child.stderr.on("data", (c: Buffer) => stderr.push(c));
    child.stdout.on("data", (chunk: Buffer) => {
      if (headersSent) return void res.write(chunk);
      head = Buffer.concat([head, chunk]);
      let end = head.indexOf("\r\n\r\n");
      let sep = 4;
      if (end < 0) {
        end = head.indexOf("\n\n");
        sep = 2;
      }
      if (end < 0) return;
      const lines = head.subarray(0, end).toString("latin1").split(/\r?\n/);
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(":");
        const key = line.slice(0, i).trim().toLowerCase();
        const value = line.slice(i + 1).trim();
        if (key === "status") status = Number(value.split(" ")[0]);
        else headers[key] = value;
      }
      res.writeHead(status, headers);
      headersSent = true;
      res.write(head.subarray(end + sep));
    });
    child.on("close", (code) => {
      if (!headersSent) {
        if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
        res.write(`git http-backend failed (${code}): ${Buffer.concat(stderr).toString("utf8").trim()}\n`);
      }
      resolve(res);
    });
  });
}
