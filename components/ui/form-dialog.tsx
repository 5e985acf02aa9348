"use client";

import type { ReactNode } from "react";
import { Alert } from "./alert";
import { Button } from "./button";
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from "./dialog";
import type { DialogForm } from "./use-form-dialog";

/** A trigger button and the dialog it opens: a form with an error banner, its fields, Cancel and submit. */
export function FormDialog<R>({ dialog, trigger, title, description, wide, submitLabel, pendingLabel, submitVariant = "primary", outcome, children }: {
  dialog: DialogForm<R>;
  trigger: ReactNode;
  title: string;
  description?: ReactNode;
  wide?: boolean;
  submitLabel: string;
  pendingLabel: string;
  /** "danger" for a form that stops or takes away something (the dialog is then its confirmation). */
  submitVariant?: "primary" | "danger";
  /** Replaces the form once a `keepOpen` dialog has its result. */
  outcome?: (result: R) => ReactNode;
  children: ReactNode;
}) {
  return (
    <Dialog open={dialog.open} onOpenChange={dialog.onOpenChange}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      {dialog.result !== null && outcome ? (
        outcome(dialog.result)
      ) : (
        <DialogContent title={title} description={description} wide={wide}>
          <form onSubmit={dialog.onSubmit} className="space-y-4" noValidate>
            {dialog.banner ? <Alert tone="error">{dialog.banner}</Alert> : null}
            {children}
            <DialogFooter>
              <DialogClose asChild>
                <Button variant="secondary">Cancel</Button>
              </DialogClose>
              <Button type="submit" variant={submitVariant} disabled={dialog.pending}>
                {dialog.pending ? pendingLabel : submitLabel}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      )}
    </Dialog>
  );
}
