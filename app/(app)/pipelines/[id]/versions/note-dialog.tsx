"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { localName } from "@/lib/i18n/localized";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFormActions,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Label } from "@/lib/ui/label";
import { RolloutMigrateOption } from "./migration/rollout-option";
import type { PilotRow, VersionRow } from "./types";

export type NoteAction =
  | { kind: "promote"; version: VersionRow; published: VersionRow | null }
  | { kind: "retire"; version: VersionRow }
  | { kind: "endPilot"; pilot: PilotRow };

/** Rollout, retiring a pilot version, ending a pilot: what will happen, and a note for the audit log. */
export function NoteDialog({
  action,
  onClose,
  onDone,
  onMigrate,
}: {
  action: NoteAction | null;
  onClose: () => void;
  onDone: () => void;
  /** Rollout with the published version's open deals: opens the migration dialog instead. */
  onMigrate?: (action: Extract<NoteAction, { kind: "promote" }>) => void;
}) {
  // A fresh form per action, so no note carries over from one to the next.
  return action ? (
    <NoteForm
      key={JSON.stringify(actionKey(action))}
      action={action}
      onClose={onClose}
      onDone={onDone}
      onMigrate={onMigrate}
    />
  ) : null;
}

const actionKey = (a: NoteAction) => [a.kind, a.kind === "endPilot" ? a.pilot.id : a.version.id];

function NoteForm({
  action,
  onClose,
  onDone,
  onMigrate,
}: {
  action: NoteAction;
  onClose: () => void;
  onDone: () => void;
  onMigrate?: (action: Extract<NoteAction, { kind: "promote" }>) => void;
}) {
  const t = useTranslations("versions.confirm");
  const tv = useTranslations("versions");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const id = useId();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const promote = useMutation(trpc.versions.promote.mutationOptions());
  const retire = useMutation(trpc.versions.retire.mutationOptions());
  const end = useMutation(trpc.versions.endPilot.mutationOptions());
  const busy = promote.isPending || retire.isPending || end.isPending;
  const noteRequired = action.kind !== "endPilot";
  const number = action.kind === "endPilot" ? action.pilot.versionNumber : action.version.number;
  const teams =
    action.kind === "endPilot"
      ? action.pilot.teams.map((x) => localName(x, locale)).join(tv("listJoin"))
      : "";
  const description =
    action.kind === "promote"
      ? action.published
        ? t("promoteText", {
            number,
            previous: action.published.number,
            open: action.published.deals.open,
          })
        : t("promoteFirstText", { number })
      : action.kind === "retire"
        ? t("retireText", { number, total: action.version.deals.total })
        : action.pilot.state === "scheduled"
          ? t("cancelText", { number, teams })
          : t("endText", { number, teams });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (noteRequired && !text) return setError(t("noteRequired"));
    try {
      if (action.kind === "promote") await promote.mutateAsync({ versionId: action.version.id, note: text });
      else if (action.kind === "retire")
        await retire.mutateAsync({ versionId: action.version.id, note: text });
      else await end.mutateAsync({ pilotId: action.pilot.id, note: text || undefined });
      toast.success(t(`${action.kind}Done`, { number }));
      onDone();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const title =
    action.kind === "endPilot" && action.pilot.state === "scheduled"
      ? t("cancelTitle", { number })
      : t(`${action.kind}Title`, { number });
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={tc("close")} data-testid="note-dialog">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        {action.kind === "promote" && action.published && action.published.deals.open > 0 && onMigrate ? (
          <RolloutMigrateOption
            number={action.version.number}
            previous={action.published.number}
            open={action.published.deals.open}
            onMigrate={() => onMigrate(action)}
          />
        ) : null}
        <form className="grid gap-4" onSubmit={submit}>
          <div className="grid gap-1.5">
            <Label htmlFor={`${id}-note`}>{noteRequired ? t("note") : t("noteOptional")}</Label>
            <textarea
              id={`${id}-note`}
              value={note}
              maxLength={1000}
              autoFocus
              rows={3}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t(`${action.kind}Placeholder`)}
              className="flex min-h-20 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs placeholder:text-muted-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              data-testid="note-input"
            />
          </div>
          <DialogFormActions
            error={error}
            busy={busy}
            cancel={tc("cancel")}
            onCancel={onClose}
            submit={t(`${action.kind}Submit`, { number })}
            variant={action.kind === "retire" ? "destructive" : "default"}
            submitTestId="note-submit"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}
