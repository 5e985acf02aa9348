// The twin's web pages against a real twin on loopback: the pages at the html_urls the API gives
// out, every agent's or person's text escaped; each form on a pull request's page doing what
// `POST /_twin/human` does, with GitHub's webhook; a bad form refused with nothing changed; and the
// API's paths left to the API.
import { request } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../../../e2e/support/webhook-receiver";
import { branchSha, commitFiles, repositoryDir } from "./bare-repository";
import { deliveriesTo, startTwinFixture, type TwinFixture } from "./testing/twin-fixture";

let f: TwinFixture;
let hooks: WebhookReceiver;
let auth: string;
beforeAll(async () => {
  hooks = await startWebhookReceiver();
  f = await startTwinFixture({ webhookUrl: hooks.url });
  auth = `token ${await f.token()}`;
});
// Every exchange and webhook of the test matched GitHub's published schemas.
afterEach(() => {
  expect(f.takeProblems()).toEqual([]);
});
afterAll(async () => {
  await f?.cleanup();
  await hooks?.close();
});

const XSS_TITLE = `Fix <script>alert("title")</script> & more`;

/** A pull request the app opens on a new branch off main, as Fleetgate would. */
async function openPull(branch: string, input: { title?: string; body?: string; draft?: boolean } = {}) {
  const dir = repositoryDir(f.dataDir, "acme", "widgets");
  await commitFiles(dir, { branch, files: { [`${branch}.txt`]: `${branch}\n` }, message: `Change on ${branch}`, author: { name: "Bot", email: "bot@test" }, parent: await branchSha(dir, "main") });
  const r = await f.call("POST", "/repos/acme/widgets/pulls", { auth, body: { title: input.title ?? `Change ${branch}`, head: branch, base: "main", body: input.body, draft: input.draft } });
  expect(r.status).toBe(201);
  return r.body as { number: number; html_url: string; head: { sha: string } };
}

const page = async (url: string) => {
  const res = await fetch(url.startsWith("http") ? url : `${f.twin.url}${url}`);
  return { status: res.status, type: res.headers.get("content-type"), csp: res.headers.get("content-security-policy"), text: await res.text() };
};

const act = (number: number, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  fetch(`${f.twin.url}/acme/widgets/pull/${number}/act`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams(fields) });

/** A form post with a Host header of its own choosing (fetch sends the URL's host whatever it is told). */
function postWithHost(number: number, host: string, origin: string): Promise<number> {
  const body = new URLSearchParams({ action: "comment", as: "alice", body: "hi" }).toString();
  return new Promise((resolve, reject) => {
    const req = request(`${f.twin.url}/acme/widgets/pull/${number}/act`, { method: "POST", headers: { host, origin, "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const widgets = () => f.twin.ctx.store.data.repositories.find((r) => r.name === "widgets")!;
const pullOf = (number: number) => f.twin.ctx.store.data.pulls.find((p) => p.repositoryId === widgets().id && p.number === number)!;

/** The webhooks sent since `from` (an index into what the receiver got), once all were sent. */
async function sentSince(from: number) {
  await f.twin.ctx.webhooks.idle();
  return deliveriesTo(hooks).slice(from).map((d) => ({ event: d.headers["x-github-event"], action: d.body.action, sender: d.body.sender?.login, body: d.body }));
}

/** Everything a form could change, to show a refused one changed nothing. */
const snapshot = () => {
  const d = f.twin.ctx.store.data;
  return JSON.stringify({ pulls: d.pulls, reviews: d.reviews, comments: d.comments, checkRuns: d.checkRuns, deliveries: d.deliveries.length });
};

describe("pages", () => {
  it("serves the home, a repository and a pull request at the html_url the API gives, every value escaped", async () => {
    const pr = await openPull("pages/escaped", { title: XSS_TITLE, body: `An agent did this.\n<img src=x onerror="alert('body')">` });
    await f.call("POST", "/repos/acme/widgets/check-runs", { auth, body: { name: "fleetgate/policy", head_sha: pr.head.sha, conclusion: "success", details_url: "javascript:alert('details')", output: { title: "Policy <b>passed</b>", summary: "ok" } } });
    await f.call("POST", "/_twin/human", { body: { action: "comment", repo: "acme/widgets", number: pr.number, user: "alice", body: "</pre><script>alert('comment')</script>" } });
    expect(pr.html_url).toBe(`${f.twin.url}/acme/widgets/pull/${pr.number}`);
    const escapedTitle = "Fix &lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; &amp; more";

    const home = await page("/");
    expect(home).toMatchObject({ status: 200, type: "text/html; charset=utf-8" });
    expect(home.text).toContain('<a href="/acme/widgets">acme/widgets</a>');
    expect(home.text).toContain(`<a href="/acme/widgets/pull/${pr.number}">${escapedTitle}</a>`);
    expect(home.text).toContain("no sign-in");

    const repo = await page("/acme/widgets");
    expect(repo.status).toBe(200);
    const mainSha = (await branchSha(repositoryDir(f.dataDir, "acme", "widgets"), "main"))!;
    expect(repo.text).toContain(`<code class="sha" title="${mainSha}">${mainSha.slice(0, 7)}</code>`);
    expect(repo.text).toContain(`<code class="sha" title="${pr.head.sha}">`);
    expect(repo.text).toContain("pages/escaped");

    const pull = await page(pr.html_url);
    expect(pull).toMatchObject({ status: 200, type: "text/html; charset=utf-8" });
    expect(pull.csp).toContain("default-src 'none'");
    expect(pull.text).toContain(`<h1>${escapedTitle} <span class="num">#${pr.number}</span></h1>`);
    expect(pull.text).toContain("&lt;img src=x onerror=&quot;alert(&#39;body&#39;)&quot;&gt;");
    expect(pull.text).toContain("&lt;/pre&gt;&lt;script&gt;alert(&#39;comment&#39;)&lt;/script&gt;");
    expect(pull.text).toContain("Policy &lt;b&gt;passed&lt;/b&gt;");
    // Nothing anyone wrote became markup: no script, no handler, no javascript: link.
    expect(pull.text).not.toMatch(/<script|<img|javascript:/i);
    expect(pull.text).toContain(`<code class="sha" title="${pr.head.sha}">`);
    expect(pull.text).toContain('value="octocat"');
    for (const action of ["comment", "request_changes", "approve", "merge", "close", "set_check"]) expect(pull.text).toContain(`value="${action}"`);
  });

  it("answers a page of its own for a pull request it does not have; a repository it does not have is the API's 404", async () => {
    const noPull = await page("/acme/widgets/pull/9999");
    expect(noPull).toMatchObject({ status: 404, type: "text/html; charset=utf-8" });
    expect(noPull.text).toContain("acme/widgets has no pull request #9999.");
    const noRepo = await f.call("GET", "/acme/nothing-here");
    expect(noRepo).toMatchObject({ status: 404, body: { message: "Not Found" } });
    expect(f.takeProblems()).toEqual(["GET /acme/nothing-here -> 404: GET /acme/nothing-here is not an operation Fleetgate uses"]);
  });
});

describe("a person's actions from the pull request's page", () => {
  it("comments, requests changes, approves and sets a check as the login given, with GitHub's webhooks, then redirects back with a notice", async () => {
    const pr = await openPull("pages/review");
    const from = hooks.received.length;

    const commented = await act(pr.number, { action: "comment", as: "alice", body: "Looks <fine>." });
    expect(commented.status).toBe(303);
    expect(commented.headers.get("location")).toBe(`/acme/widgets/pull/${pr.number}?done=comment&as=alice`);
    const back = await page(commented.headers.get("location")!);
    expect(back.text).toContain("alice commented.");
    expect(back.text).toContain("Looks &lt;fine&gt;.");
    expect(back.text).toContain('value="alice"');

    expect((await act(pr.number, { action: "request_changes", as: "bob", body: "Please add a test." })).status).toBe(303);
    expect((await act(pr.number, { action: "approve", as: "bob", body: "" })).status).toBe(303);
    const checked = await act(pr.number, { action: "set_check", as: "carol", name: "build", conclusion: "failure" });
    expect(checked.status).toBe(303);
    expect(checked.headers.get("location")).toBe(`/acme/widgets/pull/${pr.number}?done=set_check&as=carol&check=build%3A+failure`);

    const d = f.twin.ctx.store.data;
    expect(d.comments.filter((c) => c.repositoryId === widgets().id && c.issueNumber === pr.number).map((c) => [c.userLogin, c.body])).toEqual([["alice", "Looks <fine>."]]);
    expect(d.reviews.filter((r) => r.repositoryId === widgets().id && r.pullNumber === pr.number).map((r) => [r.userLogin, r.state, r.body])).toEqual([
      ["bob", "CHANGES_REQUESTED", "Please add a test."],
      ["bob", "APPROVED", ""],
    ]);
    expect(d.checkRuns.find((c) => c.headSha === pr.head.sha && c.name === "build")).toMatchObject({ status: "completed", conclusion: "failure" });

    const sent = await sentSince(from);
    expect(sent.map((s) => [s.event, s.action, s.sender])).toEqual([
      ["issue_comment", "created", "alice"],
      ["pull_request_review", "submitted", "bob"],
      ["pull_request_review", "submitted", "bob"],
      // A new check run is created, then completed; its suite (the commit's only one) completes with it.
      ["check_run", "created", "carol"],
      ["check_run", "completed", "carol"],
      ["check_suite", "completed", "carol"],
    ]);
    expect(sent.slice(1, 3).map((s) => s.body.review.state)).toEqual(["changes_requested", "approved"]);

    const after = await page(`/acme/widgets/pull/${pr.number}`);
    expect(after.text).toContain(`id="pullrequestreview-`);
    expect(after.text).toContain(`<span class="badge failure">failure</span>`);
  });

  it("marks a draft ready for review, merges it with the method chosen, and closes another", async () => {
    const draft = await openPull("pages/draft", { draft: true });
    const other = await openPull("pages/other");
    const from = hooks.received.length;

    expect((await act(draft.number, { action: "ready_for_review", as: "alice" })).status).toBe(303);
    expect(pullOf(draft.number).draft).toBe(false);
    expect((await act(draft.number, { action: "merge", as: "alice", method: "squash" })).status).toBe(303);
    const merged = pullOf(draft.number);
    expect(merged).toMatchObject({ state: "closed", merged: true, mergedBy: "alice" });
    expect(await branchSha(repositoryDir(f.dataDir, "acme", "widgets"), "main")).toBe(merged.mergeCommitSha);
    expect((await act(other.number, { action: "close", as: "bob" })).status).toBe(303);
    expect(pullOf(other.number)).toMatchObject({ state: "closed", merged: false });

    const sent = await sentSince(from);
    expect(sent.filter((s) => s.event === "pull_request").map((s) => [s.action, s.body.number, s.sender, s.body.pull_request.merged])).toEqual([
      ["ready_for_review", draft.number, "alice", false],
      ["closed", draft.number, "alice", true],
      ["closed", other.number, "bob", false],
    ]);
    expect(sent.some((s) => s.event === "push" && s.body.ref === "refs/heads/main" && s.body.after === merged.mergeCommitSha)).toBe(true);

    const page1 = await page(`/acme/widgets/pull/${draft.number}?done=merge&as=alice`);
    expect(page1.text).toContain("alice merged this pull request.");
    expect(page1.text).toContain('<span class="badge merged">Merged</span>');
    // Once closed, only a comment is offered.
    expect(page1.text).not.toContain('value="approve"');
  });

  it("answers a bad form with 400 saying what is wrong, and changes nothing", async () => {
    const pr = await openPull("pages/bad-forms");
    const before = snapshot();
    const cases: [Record<string, string>, string][] = [
      [{ action: "comment", body: "hello" }, "the &quot;Act as&quot; login is empty"],
      [{ action: "comment", as: "  ", body: "hello" }, "the &quot;Act as&quot; login is empty"],
      [{ action: "comment", as: "not a login", body: "hello" }, "is not a GitHub login"],
      [{ action: "delete_repository", as: "alice" }, "There is no action &quot;delete_repository&quot; here"],
      [{ action: "push", as: "alice" }, "There is no action &quot;push&quot; here"],
      [{ as: "alice" }, "The form names no action."],
      [{ action: "comment", as: "alice", body: "" }, "The comment is empty"],
      [{ action: "request_changes", as: "alice", body: "   " }, "Requesting changes needs a comment"],
      [{ action: "merge", as: "alice", method: "rebase" }, "&quot;rebase&quot; is not a merge method"],
      [{ action: "set_check", as: "alice", name: "", conclusion: "success" }, "The check needs a name."],
      [{ action: "set_check", as: "alice", name: "build", conclusion: "great" }, "&quot;great&quot; is not a check conclusion"],
    ];
    for (const [fields, message] of cases) {
      const res = await act(pr.number, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(await res.text(), JSON.stringify(fields)).toContain(message);
    }
    await f.twin.ctx.webhooks.idle();
    expect(snapshot()).toBe(before);
  });

  it("answers what GitHub would refuse with GitHub's status, and a post from another site's page with 403, changing nothing", async () => {
    const pr = await openPull("pages/refused");
    widgets().requiredApprovals = 1;
    try {
      const before = snapshot();
      const blocked = await act(pr.number, { action: "merge", as: "alice" });
      expect(blocked.status).toBe(405);
      expect(await blocked.text()).toContain("At least 1 approving review is required");
      const foreign = await act(pr.number, { action: "comment", as: "alice", body: "hi" }, { origin: "http://evil.example" });
      expect(foreign.status).toBe(403);
      // A name rebound to loopback: Origin and Host agree, but the host is not the twin's.
      expect(await postWithHost(pr.number, "evil.example", "http://evil.example")).toBe(403);
      await f.twin.ctx.webhooks.idle();
      expect(snapshot()).toBe(before);
      // The twin's own page's origin is welcome.
      const own = await act(pr.number, { action: "comment", as: "alice", body: "hi" }, { origin: new URL(f.twin.url).origin });
      expect(own.status).toBe(303);
    } finally {
      widgets().requiredApprovals = 0;
    }
  });
});

describe("the API's paths", () => {
  it("stay the API's: JSON for /repos, /app and /_twin, never a page", async () => {
    const pr = await openPull("pages/api");
    const repo = await f.call("GET", "/repos/acme/widgets", { auth });
    expect(repo.status).toBe(200);
    expect(repo.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(repo.body.full_name).toBe("acme/widgets");
    const pull = await f.call("GET", `/repos/acme/widgets/pulls/${pr.number}`, { auth });
    expect(pull.body).toMatchObject({ number: pr.number, html_url: pr.html_url });
    // Two segments, as a repository page's path has, but the API's.
    const installations = await f.call("GET", "/app/installations", { auth: `Bearer ${f.jwt()}` });
    expect(installations.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(installations.body.map((i: { account: { login: string } }) => i.account.login)).toEqual(["acme"]);
    const human = await f.call("POST", "/_twin/human", { body: { action: "comment", repo: "acme/widgets", number: pr.number, user: "dave", body: "From the CLI." } });
    expect(human).toMatchObject({ status: 200, body: { comment: expect.any(Number) } });
    // Not a page's shape (a trailing slash, a POST to the page itself): the API's 404 in JSON.
    const slash = await f.call("GET", "/acme/widgets/");
    expect(slash).toMatchObject({ status: 404, body: { message: "Not Found" } });
    const postPage = await f.call("POST", `/acme/widgets/pull/${pr.number}`, { body: {} });
    expect(postPage).toMatchObject({ status: 404, body: { message: "Not Found" } });
    expect(f.takeProblems()).toEqual([
      "GET /acme/widgets/ -> 404: GET /acme/widgets/ is not an operation Fleetgate uses",
      `POST /acme/widgets/pull/${pr.number} -> 404: POST /acme/widgets/pull/${pr.number} is not an operation Fleetgate uses`,
    ]);
  });
});
