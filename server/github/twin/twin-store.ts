// The twin's state in memory, written to one JSON file per collection under the data directory
// after every change (temp file + rename, so a crash leaves the old or the new file, never half of
// one). Writes are serialized; `flush()` waits for the last one.
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
      const keys = collections.length ? [...new Set<keyof TwinData>([...collections, "meta"])] : (Object.keys(data) as (keyof TwinData)[]);
      chain = chain.catch(() => undefined).then(async () => {
        for (const k of keys) await writeCollection(k);
      });
      return chain;
    },
    flush: () => chain,
  };
  return store;
}
