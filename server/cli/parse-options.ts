// node:util parseArgs with its errors turned into usage errors of one short line.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError, type Command } from "./command";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function parseOptions<O extends Options>(command: Command, args: string[], options: O) {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (!code?.startsWith("ERR_PARSE_ARGS")) throw e;
    // Node's messages continue with advice about "--" that does not apply here.
    throw new UsageError((e as Error).message.split(". ")[0]!.replace(/^Unknown option/, "unknown option"), command);
  }
}
