import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/auth-options";
import { clientIp } from "@/server/http/request-meta";

// Options are built per request, so configuration is read at run time, not at build time, and a
// new session records the browser it was signed in from.
const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) =>
  NextAuth(req as never, ctx as never, authOptions({ ip: clientIp(req.headers), userAgent: req.headers.get("user-agent") }));

export { handler as GET, handler as POST };
