import { auditVerify } from "./audit-verify";
import type { Command } from "./command";

export const COMMANDS: readonly Command[] = [auditVerify];
