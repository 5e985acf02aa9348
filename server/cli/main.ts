// Entry point of bin/fleetgate.mjs.
import { disconnectDb } from "../db/client";
import { runCli } from "./run-cli";

const io = { out: (line: string) => console.log(line), err: (line: string) => console.error(line) };

try {
  process.exitCode = await runCli(process.argv.slice(2), io);
} finally {
  // Closing the pool lets the process end on its own, after stdout has drained.
  await disconnectDb();
}
