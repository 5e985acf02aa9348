// Whatever Next's router finds no route file for under /api (next-auth's /api/auth/* has its own):
// the API's JSON error, not the console's HTML 404 page. A literal or [param] route always wins
// over this catch-all, so it never shadows a real operation; a real path asked with a method it
// does not serve is answered 405 by serve.ts before it gets here (server/web/harden-request.ts).
import { AppError } from "@/server/core/app-error";
import { withPublic } from "@/server/http/with-public";

export const dynamic = "force-dynamic";

const noOperation = withPublic(async (req) => {
  const path = new URL(req.url).pathname;
  throw new AppError("not_found", `no API operation at ${req.method} ${path.slice(0, 300)}`);
});

export const GET = noOperation;
export const POST = noOperation;
export const PUT = noOperation;
export const PATCH = noOperation;
export const DELETE = noOperation;
export const OPTIONS = noOperation;
