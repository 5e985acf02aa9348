// Finds the command in the table by its leading words and runs it. Errors never show a stack:
// bad arguments print one line and usage (exit 2), anything else one line (exit 3).
import { COMMANDS } from "./commands";
import { EXIT, UsageError, type CliIo, type Command } from "./command";

const usageLine = (c: Command) => `fleetgate ${c.words.join(" ")} ${c.synopsis}`;

export function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => usageLine(c).length));
  return [
    "usage:",
    ...COMMANDS.map((c) => `  ${usageLine(c).padEnd(width)}  ${c.summary}`),
    "exit codes: 0 ok, 1 check failed, 2 bad arguments, 3 could not run",
  ].join("\n");
}

function find(argv: string[]): { command: Command; args: string[] } | undefined {
  for (const command of COMMANDS) {
    if (command.words.every((w, i) => argv[i] === w)) return { command, args: argv.slice(command.words.length) };
  }
  return undefined;
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv.length === 1 && (argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help")) {
    io.out(usage());
    return EXIT.ok;
  }
  const found = find(argv);
  try {
    if (!found) {
      const words = argv.filter((a) => !a.startsWith("-")).slice(0, 2).join(" ");
      throw new UsageError(words ? `unknown command "${words}"` : "no command given");
    }
    return await found.command.run(found.args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`fleetgate: ${e.message}`);
      io.err(e.command ? `usage: ${usageLine(e.command)}` : usage());
      return EXIT.usage;
    }
    io.err(`fleetgate: ${oneLine(e)}`);
    return EXIT.error;
  }
}

// Prisma's messages open with the call site and source excerpt; the cause is their last line.
function oneLine(e: unknown): string {
  const lines = (e instanceof Error ? e.message : String(e)).split("\n").map((l) => l.trim()).filter(Boolean);
  const prisma = e instanceof Error && e.name.startsWith("PrismaClient");
  return (prisma ? lines.at(-1) : lines[0]) ?? "unexpected error";
}
