import { listMySessionsRoute, signOutEverywhereRoute } from "@/server/contracts/me";
import { withPerson } from "@/server/http/with-person";
import { listMySessions } from "@/server/sessions/list-my-sessions";
import { signOutEverywhere } from "@/server/sessions/sign-out-everywhere";

export const GET = withPerson(listMySessionsRoute, ({ ctx }) => listMySessions(ctx));
export const DELETE = withPerson(signOutEverywhereRoute, ({ ctx }) => signOutEverywhere(ctx));
