// Walks a workspace in name order without following links and without entering .git.
import type { Dirent } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";

export type WalkEntry = { rel: string; abs: string; dirent: Dirent };

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Entries below start (rel is relative to the workspace root); directories are entered when recursive. */
export async function* walkWorkspace(root: string, start: string, recursive: boolean): AsyncGenerator<WalkEntry> {
  let entries: Dirent[];
  try {
    entries = await readdir(start, { withFileTypes: true });
  } catch {
    return; // vanished or unreadable: nothing to list
  }
  entries.sort((a, b) => compare(a.name, b.name));
  for (const dirent of entries) {
    if (dirent.name.toLowerCase() === ".git") continue;
    const abs = path.join(start, dirent.name);
    const rel = path.relative(root, abs).split(path.sep).join("/");
    yield { rel, abs, dirent };
    if (recursive && dirent.isDirectory()) yield* walkWorkspace(root, abs, true);
  }
}
