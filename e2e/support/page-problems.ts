// What went wrong on a page as a person would not see it: console errors and warnings, uncaught
// errors and Content-Security-Policy violations (a refused inline style or script).
import type { Page } from "@playwright/test";

/** Collects console errors and warnings, uncaught errors and CSP violations from now on. */
export async function watchProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`uncaught: ${e.message}`));
  await page.exposeBinding("__cspViolation", (_source, text: string) => { problems.push(`CSP violation: ${text}`); });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const report = (window as unknown as { __cspViolation: (t: string) => void }).__cspViolation;
      void report(`${e.effectiveDirective} refused ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber}) ${e.sample}`);
    });
  });
  return problems;
}
