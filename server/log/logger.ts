// One JSON line per event on stderr (stdout stays for a CLI's answers). Callers pass facts, never
// secrets: messages and fields are written as given.
type Fields = Record<string, unknown>;

const write = (level: "info" | "warn" | "error", message: string, fields: Fields) =>
  console.error(JSON.stringify({ level, message, ...fields }));

export const logger = {
  info: (message: string, fields: Fields = {}) => write("info", message, fields),
  warn: (message: string, fields: Fields = {}) => write("warn", message, fields),
  error: (message: string, fields: Fields = {}) => write("error", message, fields),
};
