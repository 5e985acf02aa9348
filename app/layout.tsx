import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { CspNonce } from "@/components/security/csp-nonce";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Fleetgate", template: "%s · Fleetgate" },
  description: "Governance portal for background coding agents",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts need this response's CSP nonce
  // (server/web/harden-request.ts), which a page prerendered at build time could not carry.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        <CspNonce />
        {children}
      </body>
    </html>
  );
}
