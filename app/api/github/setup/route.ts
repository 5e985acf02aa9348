// GitHub's setup URL for the App (set it to <console>/api/github/setup): where GitHub sends the person
// back after installing, with the installation's id and the signed state Fleetgate gave it.
import { handleInstallSetup } from "@/server/github/installations/handle-install-setup";
import { withBrowserCallback } from "@/server/http/with-browser-callback";

export const dynamic = "force-dynamic";

export const GET = withBrowserCallback(handleInstallSetup);
