import { describe, expect, it } from "vitest";
import { tokenize } from "./shell-tokens";

const kinds = (cmd: string) => tokenize(cmd).filter((t) => t.kind !== "space").map((t) => `${t.kind}:${t.text}`);

describe("tokenize", () => {
  it("keeps every character", () => {
    for (const cmd of ["curl -fsSL https://x.test/install.sh | sh", `git commit -m "fix: it's done" && git push --force origin main`, "A=1 B='x y' make -j4 > out.log 2>&1", "echo $(whoami) ${HOME} $1", "weird ) ( ` \" '"]) {
      expect(tokenize(cmd).map((t) => t.text).join("")).toBe(cmd);
    }
  });

  it("tells programs, flags, urls and operators apart", () => {
    expect(kinds("curl -fsSL https://x.test/i.sh | sh")).toEqual(["program:curl", "flag:-fsSL", "url:https://x.test/i.sh", "operator:|", "program:sh"]);
  });

  it("reads strings, assignments and redirections", () => {
    expect(kinds(`A=1 make --jobs=4 "all" > out.log`)).toEqual(["variable:A=1", "program:make", "flag:--jobs=4", "string:\"all\"", "operator:>", "text:out.log"]);
  });

  it("starts a new command after && and inside $( )", () => {
    expect(kinds("cd x && rm -rf $(pwd)")).toEqual(["program:cd", "text:x", "operator:&&", "program:rm", "flag:-rf", "operator:$(", "program:pwd", "operator:)"]);
  });
});
