import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/auth-options";

// Options are built per request so configuration is read at run time, not at build time.
const handler = (req: Request, ctx: { params: Promise<{ nextauth: string[] }> }) => NextAuth(req as never, ctx as never, authOptions());

export { handler as GET, handler as POST };
