// The sandbox spawner: a small Node process (plain JavaScript, no loader, no application modules)
// that starts bubblewrap for its parent, the worker. Node forks its whole process to start a child;
// forking this ~45 MB process instead of a worker of 250+ MB makes each sandbox start several ms
// faster (bench i). It holds no secrets: arguments and data arrive per command and are not kept.
//
// Protocol over the IPC channel (advanced serialization), parent to spawner:
//   { op: "spawn", id, file, args, uid?, gid?, stdio }  stdio[fd]: "ignore" | "out" | { in: bytes | null }
//       ("in" with bytes: written and closed at once; with null: written later by "write")
//   { op: "write", id, fd, data?, end? }    { op: "kill", id }  (SIGKILL to the process group)
// spawner to parent, per id: { ev: "spawn", pid } { ev: "data", fd, data } { ev: "exit" | "close", code, signal }
//   { ev: "error", message }
// It exits when its parent goes (the channel disconnects); --die-with-parent then ends every sandbox.
import { spawn } from "node:child_process";

const children = new Map();
const send = (message) => {
  if (process.connected) process.send(message);
};

process.on("disconnect", () => process.exit(0));
process.on("message", (m) => {
  if (m.op === "spawn") return start(m);
  const entry = children.get(m.id);
  if (!entry) return;
  if (m.op === "kill" && !entry.exited) {
    try {
      process.kill(-entry.child.pid, "SIGKILL");
    } catch {
      entry.child.kill("SIGKILL");
    }
  } else if (m.op === "write") {
    const pipe = entry.child.stdio[m.fd];
    if (!pipe) return;
    if (m.data) pipe.write(m.data);
    if (m.end) pipe.end();
  }
});

function start({ id, file, args, uid, gid, stdio }) {
  let child;
  try {
    // detached: bubblewrap leads its own process group, so one kill reaches it.
    child = spawn(file, args, {
      cwd: "/", env: {}, detached: true, stdio: stdio.map((s) => (s === "ignore" ? "ignore" : "pipe")),
      ...(uid === undefined ? {} : { uid, gid }),
    });
  } catch (e) {
    send({ id, ev: "error", message: e.message });
    send({ id, ev: "close", code: null, signal: null });
    return;
  }
  const entry = { child, exited: false };
  children.set(id, entry);
  stdio.forEach((s, fd) => {
    const pipe = child.stdio[fd];
    if (!pipe || s === "ignore") return;
    pipe.on("error", () => {}); // the command need not read what it is given; bubblewrap may fail first
    if (s === "out") pipe.on("data", (data) => send({ id, ev: "data", fd, data }));
    else if (s.in) pipe.end(s.in);
  });
  child.once("spawn", () => send({ id, ev: "spawn", pid: child.pid }));
  child.once("error", (e) => send({ id, ev: "error", message: e.message }));
  child.once("exit", (code, signal) => {
    entry.exited = true;
    send({ id, ev: "exit", code, signal });
  });
  child.once("close", (code, signal) => {
    children.delete(id);
    send({ id, ev: "close", code, signal });
  });
}
