import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { brokenLinks, findLinks, isExternal, markdownFiles } from "../scripts/check-links.js";

const here = (relative) => fileURLToPath(new URL(`../${relative}`, import.meta.url));

test("every relative link in the handbook points at a page that exists", () => {
  assert.deepEqual(brokenLinks(here("handbook")), []);
});

test("every sidebar entry exists and every page is in the sidebar", () => {
  const sidebar = JSON.parse(readFileSync(here("config/sidebar.json"), "utf8"));
  const listed = sidebar.sections.flatMap((s) => s.pages);
  for (const page of listed) assert.ok(existsSync(here(page)), `${page} is in the sidebar but missing`);
  const pages = markdownFiles(here("handbook")).map((f) => `handbook/${f.split("/").pop()}`);
  assert.deepEqual([...pages].sort(), [...listed].sort());
});

test("every page names its owner", () => {
  for (const file of markdownFiles(here("handbook"))) {
    assert.match(readFileSync(file, "utf8"), /^Owner: .+$/m, file);
  }
});

test("the checker skips code blocks, external links and anchors", () => {
  assert.deepEqual(findLinks("[a](a.md)\n```\n[b](b.md)\n```\n").map((l) => l.target), ["a.md"]);
  assert.equal(isExternal("mailto:security@globex.example"), true);
  assert.equal(isExternal("#reporting"), true);
});
