"use client";

import { useMutation } from "@tanstack/react-query";
import { Plug } from "lucide-react";
import { api, tenantPath } from "../api/api-client";
import { errorMessage } from "../api/api-error";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";

/** Starts GitHub's install flow: the person installs the App on GitHub and is sent back here, connected. */
export function ConnectInstallationButton({ tenant, variant = "primary" }: { tenant: string; variant?: "primary" | "secondary" }) {
  const toast = useToast();
  const start = useMutation({
    mutationFn: () => api<{ url: string; expiresAt: string }>(tenantPath(tenant, "github/install"), { method: "POST" }),
    onSuccess: ({ url }) => window.location.assign(url),
    onError: (e) => toast.error(`Could not start connecting: ${errorMessage(e)}`),
  });
  return (
    <Button variant={variant} onClick={() => start.mutate()} disabled={start.isPending || start.isSuccess}>
      <Plug aria-hidden="true" className="size-4" />
      {start.isPending || start.isSuccess ? "Opening GitHub…" : "Connect an installation"}
    </Button>
  );
}
