// The human's side of the GitHub twin from a shell, against a running twin (GITHUB_TWIN_URL,
// default http://127.0.0.1:3010):
//   npx tsx scripts/github-twin.ts approve acme/widgets 3 --as alice [--body "LGTM"]
//   ... request_changes|comment <repo> <n> --as bob --body "..."
//   ... merge|close|ready_for_review <repo> <n> --as alice
//   ... set_check <repo> <n> --as ci --name build --conclusion failure
//   ... set_commit_check <repo> --ref main --as ci --name build --conclusion failure   (any commit: a sha or a branch's head)
//   ... set_status <repo> --ref <sha> --as ci --state failure --context ci/test [--description ...]
//   ... push <repo> <n> --as alice --file path=content --message "..."
//   ... move_base <repo> --as alice --file path=content --message "..."
// A bad command line exits 64 with one line; an action the twin refuses exits 1 with its answer.
// The same actions are forms on the pull request's page in a browser: <twin>/<owner>/<repo>/pull/<n>.
import { parseHumanArgs } from "../server/github/twin/parse-human-args";

const args = parseHumanArgs(process.argv.slice(2));
if (!args.ok) {
  console.error(`github-twin: ${args.message}`);
  process.exit(64);
}
const base = process.env.GITHUB_TWIN_URL ?? "http://127.0.0.1:3010";
if (!URL.canParse(base)) {
  console.error(`github-twin: GITHUB_TWIN_URL must be the twin's URL, like http://127.0.0.1:3010, not ${JSON.stringify(base)}`);
  process.exit(64);
}
let res: Response;
try {
  res = await fetch(new URL("/_twin/human", base), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(args.body) });
} catch {
  console.error(`github-twin: no twin answers at ${base} (start one: npx tsx workers/github-twin.ts)`);
  process.exit(1);
}
console.log(await res.text());
process.exit(res.ok ? 0 : 1);
