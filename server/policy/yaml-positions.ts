// Maps a path of keys and indexes (as zod reports it) back to the YAML node it came from, so every
// error can name a line and column in the text the admin typed.
import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from "yaml";

export type Position = { line: number; column: number };

function keyNode(map: unknown, key: PropertyKey): Node | undefined {
  if (!isMap(map)) return undefined;
  for (const item of map.items) {
    if (isPair(item) && isScalar(item.key) && String(item.key.value) === String(key)) return item.key as Node;
  }
  return undefined;
}

/** The deepest node on the path that exists; `atKey` points at the key itself rather than its value. */
export function positionOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[], atKey = false): Position {
  let node: unknown = doc.contents;
  let best: Node | undefined = (doc.contents as Node | null) ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const k = keyNode(node, seg);
      const v = node.get(String(seg), true) as Node | undefined;
      if (!k) break;
      best = last && atKey ? k : (v ?? k);
      node = v;
    } else if (isSeq(node) && typeof seg === "number") {
      const v = node.items[seg] as Node | undefined;
      if (!v) break;
      best = v;
      node = v;
    } else break;
  }
  const offset = best?.range?.[0] ?? 0;
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col };
}

export { keyNode };
