import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { brokenLinks, findLinks, isExternal } from "../scripts/check-links.js";

const here = (relative) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

test("every relative link in docs/ points at a file that exists", () => {
  assert.deepEqual(brokenLinks(here("docs")), []);
});

test("every navigation entry names an existing page", () => {
  const site = JSON.parse(readFileSync(here("config/site.json"), "utf8"));
  assert.ok(site.nav.length > 0);
  for (const item of site.nav) assert.ok(existsSync(here(item.path)), `${item.title}: ${item.path} is missing`);
});

test("links in fenced code blocks are ignored", () => {
  const md = "See [a](a.md).\n\n```md\n[b](b.md)\n```\n";
  assert.deepEqual(findLinks(md).map((l) => l.target), ["a.md"]);
});

test("external links and same-page anchors are not checked", () => {
  assert.equal(isExternal("https://status.acme.example"), true);
  assert.equal(isExternal("mailto:docs@acme.example"), true);
  assert.equal(isExternal("#codes"), true);
  assert.equal(isExternal("../reference/errors.md#codes"), false);
});
