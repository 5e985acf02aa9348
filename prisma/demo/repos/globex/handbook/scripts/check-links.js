// Finds relative links in the handbook that point at files which do not exist. External links are not
// fetched: the handbook build runs without network, and a dead third-party page is not a broken build.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const LINK = /\[([^\]]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

export function findLinks(markdown) {
  // Links inside fenced code blocks are examples, not navigation.
  const text = markdown.replace(/^```[\s\S]*?^```/gm, "");
  return [...text.matchAll(LINK)].map((m) => ({ text: m[1], target: m[2] }));
}

export function isExternal(target) {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#");
}

export function markdownFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return markdownFiles(full);
      return entry.name.endsWith(".md") ? [full] : [];
    })
    .sort();
}

export function brokenLinks(root) {
  const broken = [];
  for (const file of markdownFiles(root)) {
    for (const link of findLinks(readFileSync(file, "utf8"))) {
      if (isExternal(link.target)) continue;
      const target = decodeURIComponent(link.target.split("#")[0]);
      if (!existsSync(path.resolve(path.dirname(file), target))) {
        broken.push({ file: path.relative(root, file), target: link.target });
      }
    }
  }
  return broken;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? "handbook");
  const broken = brokenLinks(root);
  for (const b of broken) console.error(`${b.file}: broken link to ${b.target}`);
  process.exitCode = broken.length ? 1 : 0;
}
