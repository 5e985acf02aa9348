// A unified diff (git's format) split into files and numbered lines, for the diff view. Lenient:
// text that is not a git diff (a summary, a plain patch) becomes one file without a name.
export type DiffLine = { kind: "add" | "del" | "ctx" | "hunk" | "meta"; text: string; oldNo: number | null; newNo: number | null };
export type DiffFile = { path: string; oldPath: string | null; status: "added" | "deleted" | "modified" | "renamed" | "binary" | "unknown"; added: number; removed: number; lines: DiffLine[] };

const HUNK = /^@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@/;

export function parseDiff(text: string): DiffFile[] {
  const files: DiffFile[] = [];
  let file: DiffFile | null = null;
  let oldNo = 0;
  let newNo = 0;
  let inHunk = false;
  const start = (path: string, oldPath: string | null) => {
    file = { path, oldPath, status: "modified", added: 0, removed: 0, lines: [] };
    files.push(file);
    inHunk = false;
  };
  for (const raw of text.replace(/\n$/, "").split("\n")) {
    const git = /^diff --git a\/(.+?) b\/(.+)$/.exec(raw);
    if (git) { start(git[2]!, git[1] !== git[2] ? git[1]! : null); continue; }
    if (!file) start("", null);
    const f = file as unknown as DiffFile;
    if (!inHunk) {
      if (raw.startsWith("new file mode")) f.status = "added";
      else if (raw.startsWith("deleted file mode")) f.status = "deleted";
      else if (raw.startsWith("rename from ")) { f.status = "renamed"; f.oldPath = raw.slice("rename from ".length); }
      else if (raw.startsWith("Binary files")) f.status = "binary";
      else if (raw.startsWith("+++ ") && !f.path) f.path = raw.slice(4).replace(/^b\//, "");
    }
    const hunk = HUNK.exec(raw);
    if (hunk) {
      inHunk = true;
      oldNo = Number(hunk[1]);
      newNo = Number(hunk[2]);
      f.lines.push({ kind: "hunk", text: raw, oldNo: null, newNo: null });
    } else if (inHunk && raw.startsWith("+")) {
      f.added++;
      f.lines.push({ kind: "add", text: raw.slice(1), oldNo: null, newNo: newNo++ });
    } else if (inHunk && raw.startsWith("-")) {
      f.removed++;
      f.lines.push({ kind: "del", text: raw.slice(1), oldNo: oldNo++, newNo: null });
    } else if (inHunk && (raw.startsWith(" ") || raw === "")) {
      f.lines.push({ kind: "ctx", text: raw.slice(1), oldNo: oldNo++, newNo: newNo++ });
    } else if (inHunk && raw.startsWith("\\")) {
      f.lines.push({ kind: "meta", text: raw, oldNo: null, newNo: null });
    } else if (inHunk || !/^(index |--- |\+\+\+ |new file mode|deleted file mode|similarity |rename |old mode|new mode)/.test(raw)) {
      // Not part of git's header: keep it, so nothing the text says is lost.
      const kind = raw.startsWith("+") ? "add" : raw.startsWith("-") ? "del" : "meta";
      f.lines.push({ kind, text: kind === "meta" ? raw : raw.slice(1), oldNo: null, newNo: null });
    }
  }
  return files.filter((f) => f.path || f.lines.length);
}
