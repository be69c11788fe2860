"use client";

import { useLocale, useTranslations, useFormatter } from "next-intl";
import { Button } from "@/lib/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import type { PipelineDefinition } from "@/workflows/definition/schema";
import { diffDefinitions } from "@/workflows/definition/diff";
import type { Conflict } from "./use-autosave";
import { DiffSummary } from "./diff-summary";

/** Another editor saved this draft first: load theirs or keep mine, having seen what they changed. */
export function ConflictDialog({
  conflict,
  mine,
  onLoadTheirs,
  onKeepMine,
}: {
  conflict: Conflict | null;
  mine: PipelineDefinition;
  onLoadTheirs: () => void;
  onKeepMine: () => void;
}) {
  const t = useTranslations("editor.conflict");
  const tc = useTranslations("editor");
  const format = useFormatter();
  useLocale();
  const who =
    conflict?.updatedBy == null
      ? t("someone")
      : typeof conflict.updatedBy === "string"
        ? conflict.updatedBy
        : conflict.updatedBy.name;
  return (
    <Dialog open={conflict !== null}>
      <DialogContent
        closeLabel={tc("close")}
        data-testid="conflict-dialog"
        onEscapeKeyDown={(e) => e.preventDefault()}
        onInteractOutside={(e) => e.preventDefault()}
        className="max-w-xl"
      >
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>
            {conflict
              ? t("description", {
                  who,
                  time: format.dateTime(new Date(conflict.updatedAt), {
                    timeStyle: "short",
                    dateStyle: "medium",
                  }),
                })
              : null}
          </DialogDescription>
        </DialogHeader>
        {conflict ? (
          <div className="grid gap-2">
            <div className="text-xs font-medium text-muted-foreground">{t("theirChanges")}</div>
            <DiffSummary
              before={mine}
              after={conflict.definition}
              diff={diffDefinitions(mine, conflict.definition)}
            />
          </div>
        ) : null}
        <DialogFooter>
          <Button variant="outline" onClick={onKeepMine} data-testid="conflict-keep-mine">
            {t("keepMine")}
          </Button>
          <Button onClick={onLoadTheirs} data-testid="conflict-load-theirs">
            {t("loadTheirs", { who })}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
