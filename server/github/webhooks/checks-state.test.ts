import { describe, expect, it } from "vitest";
import { checksStateOf } from "./checks-state";

const c = (name: string, status: string, conclusion: string | null = null) => ({ name, status, conclusion });

describe("checks state", () => {
  it("is none without checks, pending while any runs, failing on any failure, else passing", () => {
    expect(checksStateOf([])).toBe("none");
    expect(checksStateOf([c("build", "queued"), c("lint", "completed", "success")])).toBe("pending");
    expect(checksStateOf([c("build", "in_progress"), c("lint", "completed", "timed_out")])).toBe("failing");
    expect(checksStateOf([c("build", "completed", "success"), c("lint", "completed", "skipped"), c("docs", "completed", "neutral")])).toBe("passing");
  });

  it("takes each check's latest report", () => {
    expect(checksStateOf([c("build", "completed", "failure"), c("build", "completed", "success")])).toBe("passing");
    expect(checksStateOf([c("build", "completed", "success"), c("build", "queued")])).toBe("pending");
  });
});
