// fleetgate policy test [path] [--coverage-min N]: runs policy test suites from files, like `opa test`.
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { loadPolicyFiles } from "../policy/load-policy-files";
import { formatTestError, runPolicyTests } from "../policy/run-tests";
import { EXIT, UsageError, type Command } from "./command";

export const policyTest: Command = {
  words: ["policy", "test"],
  synopsis: "[path] [--coverage-min <percent>]",
  summary: "run policy test suites (*.tests.yaml) and report rule coverage",
  async run(args, io) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { "coverage-min": { type: "string" } }, strict: true, allowPositionals: true });
    } catch (e) {
      throw new UsageError((e as Error).message.split(". ")[0]!.replace(/^Unknown option/, "unknown option"), this);
    }
    const opts = parsed.values;
    if (parsed.positionals.length > 1) throw new UsageError(`expected one path, got ${parsed.positionals.length}`, this);
    const target = parsed.positionals[0] ?? "policies";
    const raw = opts["coverage-min"];
    const min = raw === undefined ? 0 : raw.trim() === "" ? NaN : Number(raw);
    if (!Number.isFinite(min) || min < 0 || min > 100) throw new UsageError("--coverage-min must be a number from 0 to 100", this);
    if (!existsSync(target)) throw new UsageError(`no such file or directory: ${target}`, this);

    const loaded = loadPolicyFiles(target);
    const report = loaded.set ? runPolicyTests(loaded.set, loaded.suites) : null;
    const errors = [...loaded.errors, ...(report?.errors ?? []).map(formatTestError)];
    for (const e of errors) io.err(`error: ${e}`);
    let passed = 0;
    let failed = 0;
    for (const o of report?.outcomes ?? []) {
      if (o.passed) passed++;
      else failed++;
      io.out(o.passed ? `ok    ${o.suite} > ${o.name}` : `FAIL  ${o.suite} > ${o.name} (${o.file}:${o.line}): ${o.detail}`);
    }
    let coverageOk = true;
    if (report) {
      const pct = report.total ? (100 * report.covered) / report.total : 100;
      coverageOk = pct >= min;
      io.out(`rule coverage: ${pct.toFixed(1)}% (${report.covered}/${report.total} rules)${min ? `, minimum ${min}%` : ""}`);
      for (const r of report.uncovered) io.out(`  not reached by any test: ${r}`);
      if (!coverageOk) io.out(`coverage ${pct.toFixed(1)}% is below the minimum ${min}%`);
    }
    if (report && report.outcomes.length === 0 && errors.length === 0) io.out("no tests found");
    io.out(`policy tests: ${passed} passed, ${failed} failed`);
    return errors.length === 0 && failed === 0 && coverageOk ? EXIT.ok : EXIT.failed;
  },
};
