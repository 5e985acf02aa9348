// The text formats of tool outputs that adapters parse (declared on ToolOutcome in types.ts).
// The gateway formats with these functions and the adapters parse with them, so both sides agree.

/** list_files: one path per line, relative to the repository root; directories end in "/". */
export function formatFileList(paths: readonly string[]): string {
  return paths.join("\n");
}

export function parseFileList(output: string): { files: string[]; directories: string[] } {
  const files: string[] = [];
  const directories: string[] = [];
  for (const raw of output.split("\n")) {
    const line = raw.replace(/\r$/, "").replace(/^\.\//, "");
    if (!line) continue;
    (line.endsWith("/") ? directories : files).push(line);
  }
  return { files, directories };
}

/** True when a read_file output is not the file's exact content and so must not be written back. */
export function isDamagedContent(outcome: { output: string; truncated?: boolean }): boolean {
  return outcome.truncated === true || outcome.output.includes("[REDACTED:");
}
