// The twin's state in memory, written to one JSON file per collection under the data directory
// after every change (temp file + rename, so a crash leaves the old or the new file, never half of
// one). Writes are serialized, and the changes made while one pass writes are written together by
// the next (a collection is written whole, so writing it once per change would cost the square of
// its size under load); `save()` resolves once a pass that began after it has written its
// collections, and `flush()` waits for the last pass.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { emptyTwinData, type TwinData, type TwinUser } from "./twin-types";

export type TwinStore = {
  readonly dataDir: string;
  readonly data: TwinData;
  nextId(): number;
  /** Finds or creates the user (or bot) of a login, with a stable id. */
  user(login: string, type?: TwinUser["type"]): TwinUser;
  /** Persists the collections a change touched (all when none are named). */
  save(...collections: (keyof TwinData)[]): Promise<void>;
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
  for (const key of Object.keys(data) as (keyof TwinData)[]) {
    const file = path.join(stateDir, `${key}.json`);
    const text = await readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      if (e.code === "ENOENT") return null;
      throw e;
    });
    if (text !== null) (data as Record<string, unknown>)[key] = JSON.parse(text);
  }
  let chain: Promise<void> = Promise.resolve();
  /** The collections of the pass that waits for the one writing now; null when none waits. */
  let waiting: Set<keyof TwinData> | null = null;
  let seq = 0;

  const writeCollection = async (key: keyof TwinData) => {
    const file = path.join(stateDir, `${key}.json`);
    const tmp = `${file}.${process.pid}.${++seq}.tmp`;
    await writeFile(tmp, JSON.stringify(data[key], null, 1));
    await rename(tmp, file);
  };

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
      const keys = collections.length ? [...collections, "meta" as const] : (Object.keys(data) as (keyof TwinData)[]);
      if (waiting) {
        for (const k of keys) waiting.add(k);
        return chain;
      }
      const pass = new Set(keys);
      waiting = pass;
      chain = chain.catch(() => undefined).then(async () => {
        waiting = null;
        for (const k of pass) await writeCollection(k);
      });
      return chain;
    },
    flush: () => chain,
  };
  return store;
}
