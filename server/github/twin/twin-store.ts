// The twin's state in memory, written to one JSON file per collection under the data directory
// after every change (temp file + rename, so a crash leaves the old or the new file, never half of
// one). Writes are serialized, and the changes made while one pass writes are written together by
// the next (a collection is written whole, so writing it once per change would cost the square of
// its size under load); `save()` resolves once a pass that began after it has written its
// collections, and `flush()` waits for the last pass. Webhook deliveries, the largest and the most
// often changed, are a log instead: one JSON line per delivery as it changes, appended (the last line
// of an id wins when read back, a torn last line is skipped), rewritten only when mostly superseded.
import { appendFile, mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { emptyTwinData, type TwinData, type TwinDelivery, type TwinUser } from "./twin-types";

const LOG = "deliveries";

export type TwinStore = {
  readonly dataDir: string;
  readonly data: TwinData;
  nextId(): number;
  /** Finds or creates the user (or bot) of a login, with a stable id. */
  user(login: string, type?: TwinUser["type"]): TwinUser;
  /** Persists the collections a change touched (all when none are named). */
  save(...collections: (keyof TwinData)[]): Promise<void>;
  /** Persists one delivery as it is now (appended to the deliveries' log). */
  saveDelivery(delivery: TwinDelivery): Promise<void>;
  flush(): Promise<void>;
};

/**
 * firstId: where a new twin starts numbering (ids of installations, repositories, pull requests...).
 * GitHub's ids are unique across all of GitHub; twins that share one Fleetgate database (test files
 * running side by side) start at different places so their ids never meet.
 */
export async function openTwinStore(dataDir: string, firstId = 1000): Promise<TwinStore> {
  const stateDir = path.join(dataDir, "state");
  await mkdir(stateDir, { recursive: true });
  const data = emptyTwinData();
  data.meta.nextId = firstId;
  const read = (file: string) => readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
    if (e.code === "ENOENT") return null;
    throw e;
  });
  for (const key of Object.keys(data) as (keyof TwinData)[]) {
    const text = key === LOG ? null : await read(path.join(stateDir, `${key}.json`));
    if (text !== null) (data as Record<string, unknown>)[key] = JSON.parse(text);
  }
  const logFile = path.join(stateDir, `${LOG}.jsonl`);
  const logged = new Map<number, TwinDelivery>();
  // A data directory from before the log: its deliveries come first, the log's lines override them.
  for (const d of JSON.parse((await read(path.join(stateDir, `${LOG}.json`))) ?? "[]") as TwinDelivery[]) logged.set(d.id, d);
  for (const line of ((await read(logFile)) ?? "").split("\n")) {
    try {
      if (line) {
        const d = JSON.parse(line) as TwinDelivery;
        logged.set(d.id, d);
      }
    } catch {
      // A line torn by a crash mid-append: the delivery's previous line (if any) stands.
    }
  }
  data.deliveries = [...logged.values()];
  let logLines = logged.size;
  let chain: Promise<void> = Promise.resolve();
  /** The collections of the pass that waits for the one writing now; null when none waits. */
  let waiting: Set<keyof TwinData> | null = null;
  let seq = 0;

  const replace = async (file: string, text: string) => {
    const tmp = `${file}.${process.pid}.${++seq}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, file);
  };
  const writeCollection = async (key: keyof TwinData) => {
    if (key !== LOG) return replace(path.join(stateDir, `${key}.json`), JSON.stringify(data[key], null, 1));
    logLines = data.deliveries.length;
    await replace(logFile, data.deliveries.map((d) => `${JSON.stringify(d)}\n`).join(""));
  };
  let logChain: Promise<void> = Promise.resolve();

  const store: TwinStore = {
    dataDir,
    data,
    nextId: () => ++data.meta.nextId,
    user(login, type = login.endsWith("[bot]") ? "Bot" : "User") {
      let u = data.users.find((x) => x.login.toLowerCase() === login.toLowerCase());
      if (!u) {
        u = { id: store.nextId(), login, type };
        data.users.push(u);
        void store.save("users", "meta");
      }
      return u;
    },
    save(...collections) {
      const all = collections.length ? [...collections, "meta" as const] : (Object.keys(data) as (keyof TwinData)[]);
      const keys = all.filter((k) => k !== LOG);
      // The log is rewritten in its own order of writes, never beside an append.
      const log = all.includes(LOG) ? (logChain = logChain.catch(() => undefined).then(() => writeCollection(LOG))) : null;
      if (waiting) {
        for (const k of keys) waiting.add(k);
      } else {
        const pass = new Set(keys);
        waiting = pass;
        chain = chain.catch(() => undefined).then(async () => {
          waiting = null;
          for (const k of pass) await writeCollection(k);
        });
      }
      return log ? Promise.all([chain, log]).then(() => undefined) : chain;
    },
    saveDelivery(d) {
      const line = `${JSON.stringify(d)}\n`;
      logChain = logChain.catch(() => undefined).then(async () => {
        // Rewritten whole once it holds more superseded lines than live ones.
        if (++logLines > 2 * data.deliveries.length + 100) await writeCollection(LOG);
        else await appendFile(logFile, line);
      });
      return logChain;
    },
    flush: () => Promise.all([chain, logChain]).then(() => undefined),
  };
  return store;
}
