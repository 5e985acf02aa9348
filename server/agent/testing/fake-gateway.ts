// A ToolGateway test double: an in-memory repository (files by path), every call recorded, and
// hooks to answer a call differently or interrupt it. Policy, recording and the sandbox are the
// pipeline's; this only lets adapter tests see what an adapter asks for, in order.
import { formatFileList } from "../tool-output";
import type { ToolCall, ToolGateway, ToolOutcome } from "../types";

export type FakeGatewayOptions = {
  files?: Record<string, string>;
  /** Answer a call yourself; return undefined to let the in-memory repository answer. */
  respond?: (call: ToolCall, index: number) => ToolOutcome | undefined;
  /** Throw (e.g. a RunInterrupted) before the call takes effect; the call is still recorded. */
  interrupt?: (call: ToolCall, index: number) => Error | undefined;
};

export class FakeGateway implements ToolGateway {
  readonly calls: ToolCall[] = [];
  readonly files: Map<string, string>;

  constructor(private readonly options: FakeGatewayOptions = {}) {
    this.files = new Map(Object.entries(options.files ?? {}));
  }

  async call(call: ToolCall): Promise<ToolOutcome> {
    const index = this.calls.push(structuredClone(call)) - 1;
    const interruption = this.options.interrupt?.(call, index);
    if (interruption) throw interruption;
    return this.options.respond?.(call, index) ?? this.answer(call);
  }

  /** The calls as "tool arg" strings, for compact assertions. */
  get trace(): string[] {
    return this.calls.map((c) => `${c.tool} ${String(c.args.path ?? c.args.command ?? c.args.pattern ?? c.args.summary ?? "")}`.trim());
  }

  private answer({ tool, args }: ToolCall): ToolOutcome {
    const path = String(args.path ?? ".");
    switch (tool) {
      case "list_files": {
        const prefix = path === "." ? "" : `${path.replace(/\/$/, "")}/`;
        return { status: "ok", output: formatFileList([...this.files.keys()].filter((f) => f.startsWith(prefix)).sort()) };
      }
      case "read_file": {
        const content = this.files.get(path);
        return content === undefined ? { status: "error", output: `no such file: ${path}` } : { status: "ok", output: content };
      }
      case "write_file":
        this.files.set(path, String(args.content));
        return { status: "ok", output: `wrote ${path}` };
      case "search": {
        const lines = [...this.files].flatMap(([f, c]) => c.split("\n").flatMap((l, i) => (l.includes(String(args.pattern)) ? [`${f}:${i + 1}:${l}`] : [])));
        return { status: "ok", output: lines.join("\n") };
      }
      case "run_shell":
        return { status: "ok", output: `$ ${String(args.command)}`, exitCode: 0 };
      case "finish":
        return { status: "ok", output: "finished" };
    }
  }
}
