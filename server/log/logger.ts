// One JSON line per event on stderr (stdout stays for a CLI's answers), at or above LOG_LEVEL.
// Callers pass facts, never secrets: messages and fields are written as given.
import { env } from "../env";

type Fields = Record<string, unknown>;
type Level = "debug" | "info" | "warn" | "error";

const RANK: Record<Level, number> = { debug: 0, info: 1, warn: 2, error: 3 };

const write = (level: Level, message: string, fields: Fields) => {
  if (RANK[level] < RANK[env().LOG_LEVEL]) return;
  console.error(JSON.stringify({ level, message, ...fields }));
};

export const logger = {
  debug: (message: string, fields: Fields = {}) => write("debug", message, fields),
  info: (message: string, fields: Fields = {}) => write("info", message, fields),
  warn: (message: string, fields: Fields = {}) => write("warn", message, fields),
  error: (message: string, fields: Fields = {}) => write("error", message, fields),
};
