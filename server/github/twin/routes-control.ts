// The twin's own endpoints under /_twin/, for the tests, the bench and the human's CLI: faults,
// setting up installations and repositories, and a look at the state. Loopback only, no auth;
// never part of GitHub's API.
import { z } from "zod";
import { ZFault } from "./fault-plan";
import { performHumanAction, ZHumanAction } from "./human-actions";
import { ensureInstallation, ensureRepository } from "./seed-twin";
import { parseBody, route, type Route } from "./route-table";

const ZInstallation = z.object({ login: z.string().min(1), type: z.enum(["Organization", "User"]).optional(), permissions: z.record(z.string(), z.enum(["read", "write", "admin"])).optional(), repositorySelection: z.enum(["all", "selected"]).optional(), repositories: z.array(z.string()).optional() });
const ZRepository = z.object({ owner: z.string().min(1), name: z.string().min(1), defaultBranch: z.string().optional(), requiredApprovals: z.number().int().min(0).optional(), files: z.record(z.string(), z.string()).optional() });

export const CONTROL_ROUTES: Route[] = [
  route("GET", "/_twin/faults", async ({ ctx }) => ({ status: 200, body: ctx.faults.pending() })),
  route("POST", "/_twin/faults", async ({ ctx, body }) => {
    ctx.faults.add(parseBody(ZFault, body));
    return { status: 201, body: ctx.faults.pending() };
  }),
  route("DELETE", "/_twin/faults", async ({ ctx }) => {
    ctx.faults.clear();
    return { status: 204 };
  }),
  route("POST", "/_twin/installations", async ({ ctx, body }) => ({ status: 201, body: await ensureInstallation(ctx, parseBody(ZInstallation, body)) })),
  route("POST", "/_twin/repositories", async ({ ctx, body }) => ({ status: 201, body: await ensureRepository(ctx, parseBody(ZRepository, body)) })),
  route("GET", "/_twin/deliveries", async ({ ctx }) => ({ status: 200, body: ctx.store.data.deliveries })),
  route("POST", "/_twin/deliveries/:id/redeliver", async ({ ctx, params }) => {
    const d = await ctx.webhooks.redeliver(Number(params.id));
    return d ? { status: 200, body: d } : { status: 404, body: { message: "Not Found" } };
  }),
  route("POST", "/_twin/human", async ({ ctx, body }) => ({ status: 200, body: await performHumanAction(ctx, parseBody(ZHumanAction, body)) })),
];
