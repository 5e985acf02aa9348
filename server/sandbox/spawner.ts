// Starts bubblewrap through the sandbox spawner (spawner-process.mjs), a small process of its own
// started on first use: Node forks its whole process to start a child, and a worker of 250+ MB
// takes several ms longer to fork than the spawner does. What comes back looks like a child
// process: output fds as emitters of "data" and then "end" (synchronously, in the spawner's order,
// so all output is in before "close"), input fds written later as Writables, and spawn, exit,
// close and error events. If the spawner dies, every sandbox it held fails as unavailable (their
// bubblewraps die with it) and the next command starts a new one.
import { spawn, type ChildProcess } from "node:child_process";
import { EventEmitter } from "node:events";
import path from "node:path";
import { Writable } from "node:stream";

/** What a child's output fd gives: "data" (a Buffer) events, then one "end". */
export type Output = EventEmitter;

export type FdSpec = "ignore" | "out" | { in: Uint8Array | null };

export type SpawnRequest = { file: string; args: string[]; stdio: FdSpec[]; uid?: number; gid?: number };

type Event =
  | { id: number; ev: "spawn"; pid: number }
  | { id: number; ev: "data"; fd: number; data: Uint8Array }
  | { id: number; ev: "exit" | "close"; code: number | null; signal: NodeJS.Signals | null }
  | { id: number; ev: "error"; message: string };

export class SpawnedSandbox extends EventEmitter {
  pid: number | undefined;
  /** An Output for "out" fds, a Writable for { in: null } fds, null otherwise. */
  readonly stdio: (Output | Writable | null)[];

  constructor(readonly id: number, specs: FdSpec[], readonly via: ChildProcess) {
    super();
    this.stdio = specs.map((s, fd) => {
      if (s === "out") return new EventEmitter() as Output;
      if (s === "ignore" || s.in !== null) return null;
      return new Writable({
        write: (data: Buffer, _enc, done) => done(this.post({ op: "write", id, fd, data })),
        final: (done) => done(this.post({ op: "write", id, fd, end: true })),
      });
    });
  }

  /** SIGKILL to bubblewrap's process group (a no-op once it has exited). */
  kill(): void {
    this.post({ op: "kill", id: this.id });
  }

  private post(message: object): Error | null {
    if (!this.via.connected) return new Error("the sandbox spawner is gone");
    this.via.send(message);
    return null;
  }

  /** @internal routes one of the spawner's events to this sandbox. */
  deliver(e: Event): void {
    if (e.ev === "data") (this.stdio[e.fd] as Output | null)?.emit("data", Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength));
    else if (e.ev === "spawn") {
      this.pid = e.pid;
      this.emit("spawn");
    } else if (e.ev === "error") this.emit("error", new Error(e.message));
    else {
      if (e.ev === "close") for (const s of this.stdio) if (s && !(s instanceof Writable)) s.emit("end");
      this.emit(e.ev, e.code, e.signal);
    }
  }
}

let spawner: ChildProcess | null = null;
const live = new Map<number, SpawnedSandbox>();
let nextId = 1;

function connect(): ChildProcess {
  if (spawner?.connected) return spawner;
  // spawn with an IPC fd rather than fork: the same channel, and the web bundle (which reaches this
  // module through the run jobs it enqueues) does not try to bundle the script. No execArgv: not
  // the worker's TypeScript loader, the point is a small process.
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "spawner-process.mjs")], {
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: {} as NodeJS.ProcessEnv,
  });
  child.on("message", (e: Event) => {
    const sandbox = live.get(e.id);
    if (!sandbox) return;
    if (e.ev === "close") forget(e.id);
    sandbox.deliver(e);
  });
  // Only this spawner's sandboxes: a new spawner may already hold others when the old one's exit arrives.
  const lost = (why: string) => {
    if (spawner === child) spawner = null;
    for (const [id, sandbox] of live) {
      if (sandbox.via !== child) continue;
      forget(id);
      sandbox.deliver({ id, ev: "error", message: `the sandbox spawner ${why}` });
      sandbox.deliver({ id, ev: "close", code: null, signal: "SIGKILL" });
    }
  };
  child.once("exit", (code, signal) => lost(`exited (${code ?? signal})`));
  child.on("error", (e) => lost(`failed: ${e.message}`)); // could not start, or a send after it went
  child.unref();
  child.channel?.unref(); // referenced only while a sandbox runs (forget/spawnSandbox)
  spawner = child;
  return child;
}

function forget(id: number): void {
  live.delete(id);
  if (live.size === 0) spawner?.channel?.unref();
}

/** Starts bubblewrap (or any program) through the spawner; events follow on the returned object. */
export function spawnSandbox(request: SpawnRequest): SpawnedSandbox {
  const s = connect();
  const id = nextId++;
  const sandbox = new SpawnedSandbox(id, request.stdio, s);
  if (live.size === 0) s.channel?.ref();
  live.set(id, sandbox);
  s.send({ op: "spawn", id, ...request });
  return sandbox;
}
