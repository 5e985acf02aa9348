// What Admin → GitHub says when the install flow sends the person back (?setup=<code>): fixed texts by code.
import type { SetupOutcome } from "@/server/github/installations/setup-outcome";

export const SETUP_NOTICES: Record<SetupOutcome, { tone: "success" | "info" | "error"; text: string }> = {
  connected: { tone: "success", text: "The installation is connected to this tenant. Its repositories are being synced." },
  already_connected: { tone: "success", text: "The installation was already connected to this tenant. Its repositories are being synced again." },
  requested: { tone: "info", text: "GitHub sent an installation request to the organization's owners. Once an owner approves it, connect the installation again." },
  expired: { tone: "error", text: "The install link expired (it is valid for 15 minutes). Connect the installation again." },
  other_person: { tone: "error", text: "This install was started by someone else. Sign in as that person, or connect the installation again yourself." },
  not_allowed: { tone: "error", text: "You may not connect installations in this tenant (it needs github.manage)." },
  no_installation: { tone: "error", text: "GitHub has no such installation of this App. Connect the installation again." },
  not_fresh: { tone: "error", text: "That installation already existed before this install started, so the install link cannot bind it. A platform admin can bind an existing installation." },
  bound_elsewhere: { tone: "error", text: "That installation is bound to another tenant. Unbind it there first, or ask a platform admin." },
  unavailable: { tone: "error", text: "GitHub could not be asked about the installation right now. Try again shortly." },
};

