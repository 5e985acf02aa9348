// The human's side of the GitHub twin from a shell, against a running twin (GITHUB_TWIN_URL,
// default http://127.0.0.1:3010):
//   npx tsx scripts/github-twin.ts approve acme/widgets 3 --as alice [--body "LGTM"]
//   ... request_changes|comment <repo> <n> --as bob --body "..."
//   ... merge|close|ready_for_review <repo> <n> --as alice
//   ... set_check <repo> <n> --as ci --name build --conclusion failure
//   ... push <repo> <n> --as alice --file path=content --message "..."
//   ... move_base <repo> --as alice --file path=content --message "..."
import { parseArgs } from "node:util";

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { as: { type: "string" }, body: { type: "string" }, name: { type: "string" }, conclusion: { type: "string" }, message: { type: "string" }, method: { type: "string" }, branch: { type: "string" }, file: { type: "string", multiple: true } },
});
const [action, repo, number] = positionals;
if (!action || !repo || !values.as) {
  console.error("usage: github-twin <action> <owner/repo> [number] --as <login> [--body ...] [--file path=content ...] [--message ...]");
  process.exit(64);
}
const files = Object.fromEntries((values.file ?? []).map((f) => [f.slice(0, f.indexOf("=")), f.slice(f.indexOf("=") + 1)]));
const base = process.env.GITHUB_TWIN_URL ?? "http://127.0.0.1:3010";
const body = { action, repo, user: values.as, ...(number ? { number: Number(number) } : {}), ...values, ...(values.file ? { files } : {}) };
delete (body as Record<string, unknown>).as;
delete (body as Record<string, unknown>).file;
const res = await fetch(`${base}/_twin/human`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const text = await res.text();
console.log(text);
process.exit(res.ok ? 0 : 1);
