"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { Loader2Icon } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Label } from "@/lib/ui/label";
import type { MigrationRow } from "./types";

type MovedDeal = { id: string; title: string };

/** The deals a refused rollback names (the error's details), to open them. */
function movedDeals(e: unknown): MovedDeal[] {
  if (!(e instanceof TRPCClientError)) return [];
  const details = (e.data as { details?: { deals?: MovedDeal[] } } | undefined)?.details;
  return details?.deals ?? [];
}

/** Rolling a migration back: what happens, a note for the audit log, and the deals that block it. */
export function RollbackDialog({
  migration,
  onClose,
  onDone,
}: {
  migration: MigrationRow | null;
  onClose: () => void;
  onDone: () => void;
}) {
  return migration ? (
    <RollbackForm key={migration.id} migration={migration} onClose={onClose} onDone={onDone} />
  ) : null;
}

function RollbackForm({
  migration: m,
  onClose,
  onDone,
}: {
  migration: MigrationRow;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useTranslations("migrations.rollback");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const id = useId();
  const [note, setNote] = useState("");
  const [error, setError] = useState<{ text: string; deals: MovedDeal[] } | null>(null);
  const rollback = useMutation(trpc.migrations.rollback.mutationOptions());
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text) return setError({ text: t("noteRequired"), deals: [] });
    try {
      const out = await rollback.mutateAsync({ migrationId: m.id, note: text });
      toast.success(t("done", { count: out.restored, from: m.from.number }));
      onDone();
      onClose();
    } catch (e) {
      setError({ text: errorMessage(e), deals: movedDeals(e) });
    }
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={tc("close")} data-testid="rollback-dialog">
        <DialogHeader>
          <DialogTitle>{t("title", { from: m.from.number, to: m.to.number })}</DialogTitle>
          <DialogDescription>{t("text", { count: m.migrated, from: m.from.number })}</DialogDescription>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={submit}>
          <div className="grid gap-1.5">
            <Label htmlFor={`${id}-note`}>{t("note")}</Label>
            <textarea
              id={`${id}-note`}
              value={note}
              maxLength={1000}
              rows={3}
              autoFocus
              onChange={(e) => setNote(e.target.value)}
              placeholder={t("placeholder", { from: m.from.number })}
              className="flex min-h-20 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs placeholder:text-muted-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
              data-testid="rollback-note"
            />
          </div>
          {error ? (
            <div role="alert" className="grid gap-2 text-sm text-destructive" data-testid="rollback-error">
              <p>{error.text}</p>
              {error.deals.length ? (
                <ul className="grid max-h-40 list-disc gap-0.5 overflow-y-auto pl-5 text-foreground">
                  {error.deals.map((d) => (
                    <li key={d.id}>
                      <Link href={`/deals/${d.id}`} className="underline-offset-2 hover:underline">
                        {d.title}
                      </Link>
                    </li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {tc("cancel")}
            </Button>
            <Button
              type="submit"
              variant="destructive"
              disabled={rollback.isPending}
              data-testid="rollback-submit"
            >
              {rollback.isPending ? <Loader2Icon className="animate-spin" /> : null}
              {t("submit")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
