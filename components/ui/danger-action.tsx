"use client";

import type { QueryKey } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { api } from "../api/api-client";
import { useAfterChange } from "./use-after-change";
import { Button } from "./button";
import { ConfirmDialog } from "./confirm-dialog";

/** A row's red action (delete, remove, revoke): confirms, sends DELETE to `path`, refreshes and says so. */
export function DangerAction<R = unknown>({ label, subject, title, description, confirmLabel, path, invalidates, notice, leaveTo }: {
  /** The button's text; screen readers hear "label subject". */
  label: string;
  subject: string;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  path: string;
  invalidates: readonly QueryKey[];
  notice: (result: R) => string;
  /** Load this page instead of refreshing: after removing oneself the current one is no longer readable. */
  leaveTo?: string;
}) {
  const afterChange = useAfterChange();
  return (
    <ConfirmDialog
      trigger={
        <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50">
          {label}<span className="sr-only"> {subject}</span>
        </Button>
      }
      title={title}
      description={description}
      confirmLabel={confirmLabel}
      onConfirm={async () => {
        const result = await api<R>(path, { method: "DELETE" });
        if (leaveTo) {
          window.location.assign(leaveTo);
          return;
        }
        await afterChange(invalidates, notice(result));
      }}
    />
  );
}
