// The checked-in extract, read and checked once per process.
import { readFileSync } from "node:fs";
import { parseComponentRef } from "./collect-references";
import { ZGithubRestExtract, type GithubRestExtract } from "./extract-schema";
import { isObject } from "./strip-documentation";

export const EXTRACT_FILE = new URL("./github-rest.extract.json", import.meta.url);

let loaded: GithubRestExtract | undefined;

export function loadGithubExtract(): GithubRestExtract {
  return (loaded ??= ZGithubRestExtract.parse(JSON.parse(readFileSync(EXTRACT_FILE, "utf8"))));
}

/** Follows a `$ref` to a parameter, response or header component; any other value is answered as is. */
export function derefComponent(extract: GithubRestExtract, node: unknown): Record<string, unknown> {
  if (!isObject(node)) throw new Error(`expected an object in the extract, found ${JSON.stringify(node)}`);
  if (typeof node.$ref !== "string") return node;
  const { kind, name } = parseComponentRef(node.$ref);
  const target = extract.components[kind][name];
  if (!target) throw new Error(`$ref ${node.$ref} does not resolve inside the extract`);
  return target;
}
