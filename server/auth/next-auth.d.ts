import "next-auth/jwt";

declare module "next-auth/jwt" {
  interface JWT {
    /** The person signed in. */
    uid?: string;
    /** Their server-side session (a Session row); the cookie counts only while it is live. */
    sid?: string;
  }
}
