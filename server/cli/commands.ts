import { auditVerify } from "./audit-verify";
import type { Command } from "./command";
import { policyTest } from "./policy-test";

export const COMMANDS: readonly Command[] = [auditVerify, policyTest];
