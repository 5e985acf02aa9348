// fleetgate audit verify: recomputes a tenant's (or the platform's) audit hash chain.
import { performance } from "node:perf_hooks";
import { PLATFORM_CHAIN } from "../audit/append-event";
import { verifyChain } from "../audit/verify-chain";
import { db } from "../db/client";
import { EXIT, UsageError, type Command } from "./command";
import { parseOptions } from "./parse-options";

const number = (n: number) => Math.round(n).toLocaleString("en-US");

export const auditVerify: Command = {
  words: ["audit", "verify"],
  synopsis: "--tenant <slug> | --platform",
  summary: "recompute an audit hash chain and report the first broken event",
  async run(args, io) {
    const opts = parseOptions(this, args, { tenant: { type: "string" }, platform: { type: "boolean" } });
    if (opts.tenant !== undefined && opts.platform) throw new UsageError("give --tenant or --platform, not both", this);
    let chain: string;
    let label: string;
    if (opts.platform) {
      chain = PLATFORM_CHAIN;
      label = "the platform chain";
    } else if (opts.tenant) {
      const tenant = await db.tenant.findUnique({ where: { slug: opts.tenant }, select: { id: true } });
      if (!tenant) throw new UsageError(`unknown tenant "${opts.tenant}"`, this);
      chain = tenant.id;
      label = `tenant ${opts.tenant}`;
    } else {
      throw new UsageError("missing --tenant <slug> (or --platform)", this);
    }

    const started = performance.now();
    const result = await verifyChain(db, chain);
    const seconds = (performance.now() - started) / 1000;
    const rate = seconds > 0 ? result.events / seconds : 0;
    io.out(`checked ${number(result.events)} events of ${label} in ${seconds.toFixed(2)} s (${number(rate)} events/s)`);
    if (result.valid) {
      io.out(`chain valid, head ${result.headHash}`);
      return EXIT.ok;
    }
    io.out(`chain BROKEN at seq ${result.brokenAt}: ${result.problem}`);
    return EXIT.failed;
  },
};
