// The conditions under which a request needs a further permission, by name. A route contract names
// one in its alsoRequires (server/http/define-route.ts); withAuthz asks it (check-also-requires.ts).
// Contracts load schemas only, so what a condition reads (the parsed body, or an object the path
// names) is here, beside the wrapper, never in a contract. Each condition is typed by the part of the
// request it reads: a contract can name only a condition that exists and that its own params, query
// and body satisfy.
//
// Invariant for a condition that reads an object by id: it answers true only for an object every
// tenant sees (a global switch, a platform document) and never looks at another tenant's rows, so an
// id of another tenant goes on to the operation and answers 404, exactly like a missing one.
import type { OpContext } from "../core/op-context";
import { isUnboundInstallation } from "../github/installations/unbound-installation";
import { isGlobalSwitch } from "../kill-switches/global-switch";
import { declaresPlatformLevel, isPlatformDocument } from "../policy/platform-document";

export type RouteCondition<I> = {
  /** What makes a request need the permission, for the API document. */
  description: string;
  holds: (request: I, ctx: OpContext) => boolean | Promise<boolean>;
};

const condition = <I>(c: RouteCondition<I>) => c;

export const ROUTE_CONDITIONS = {
  setsGlobalKillSwitch: condition<{ body: { level: string } }>({
    description: "the body sets a global switch (level: global)",
    holds: ({ body }) => body.level === "global",
  }),
  namesGlobalKillSwitch: condition<{ params: { killSwitchId: string } }>({
    description: "the switch the path names is a global one",
    holds: ({ params }, ctx) => isGlobalSwitch(ctx, params.killSwitchId),
  }),
  globalScheduler: condition<{ body: { scope: "tenant" | "global" } }>({
    description: "the body asks for every tenant's scheduler (scope: global)",
    holds: ({ body }) => body.scope === "global",
  }),
  declaresPlatformPolicy: condition<{ body: { content: string } }>({
    description: "the YAML's metadata.level is platform",
    holds: ({ body }) => declaresPlatformLevel(body.content),
  }),
  namesPlatformPolicy: condition<{ params: { documentId: string } }>({
    description: "the document the path names is a platform document",
    holds: ({ params }, ctx) => isPlatformDocument(ctx, params.documentId),
  }),
  bindsUnboundInstallation: condition<{ body: { installationId: number } }>({
    description: "the body names a GitHub installation that is bound to no tenant",
    holds: ({ body }, ctx) => isUnboundInstallation(ctx, body.installationId),
  }),
  setsPlatformPrice: condition<{ body: { scope: "tenant" | "platform" } }>({
    description: "the body adds a platform price version (scope: platform), which every tenant pays unless it has its own",
    holds: ({ body }) => body.scope === "platform",
  }),
  setsInitialPassword: condition<{ body: { initialPassword?: string } }>({
    description: "the body sets initialPassword",
    holds: ({ body }) => body.initialPassword !== undefined,
  }),
};

export type RouteConditionName = keyof typeof ROUTE_CONDITIONS;

/** The part of a request a condition reads. */
export type RouteConditionInput<K extends RouteConditionName> = (typeof ROUTE_CONDITIONS)[K] extends RouteCondition<infer I> ? I : never;
