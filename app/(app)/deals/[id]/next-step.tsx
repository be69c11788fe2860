"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ArrowRightIcon, CalendarCheckIcon, PencilIcon } from "lucide-react";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { Input } from "@/lib/ui/input";
import type { DealData } from "./types";

const pad = (n: number) => String(n).padStart(2, "0");
/** Today in the reader's calendar, as YYYY-MM-DD. */
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

function useDay() {
  const format = useFormatter();
  return (day: string) =>
    format.dateTime(new Date(`${day}T00:00:00Z`), { dateStyle: "medium", timeZone: "UTC" });
}

/** The deal's next step and its date, in the header: red once the date has passed; editable in place. */
export function NextStep({ deal }: { deal: DealData }) {
  const t = useTranslations("dealActivity.nextStep");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const day = useDay();
  const today = localDay(useNow({ updateInterval: 60_000 }));
  const d = deal.deal;
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(d.nextStep ?? "");
  const [date, setDate] = useState(d.nextStepAt ?? "");
  const save = useMutation(
    trpc.dealActivity.setNextStep.mutationOptions({
      onSuccess: () => {
        setEditing(false);
        toast.success(t("saved"));
        return queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  const overdue = !!d.nextStepAt && d.nextStepAt < today && d.closedAt === null;

  if (editing)
    return (
      <form
        className="grid gap-2 rounded-lg border p-3 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-end"
        data-testid="next-step-form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate({
            dealId: d.id,
            expectedVersion: d.version,
            text: text.trim() || null,
            date: date || null,
          });
        }}
      >
        <label className="grid gap-1 text-xs text-muted-foreground">
          {t("text")}
          <Input
            value={text}
            maxLength={200}
            autoFocus
            onChange={(e) => setText(e.target.value)}
            data-testid="next-step-text"
          />
        </label>
        <label className="grid gap-1 text-xs text-muted-foreground">
          {t("date")}
          <Input
            type="date"
            value={date}
            onChange={(e) => setDate(e.target.value)}
            data-testid="next-step-date"
          />
        </label>
        <div className="flex gap-2">
          <Button type="button" variant="outline" size="sm" onClick={() => setEditing(false)}>
            {t("cancel")}
          </Button>
          <Button type="submit" size="sm" disabled={save.isPending} data-testid="next-step-save">
            {t("save")}
          </Button>
        </div>
      </form>
    );

  return (
    <div
      className={cn(
        "flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border px-3 py-2 text-sm",
        overdue && "border-destructive/40 bg-destructive/5",
      )}
      data-testid="next-step"
      data-overdue={overdue || undefined}
    >
      <CalendarCheckIcon
        className={cn("size-4 shrink-0 text-muted-foreground", overdue && "text-destructive")}
      />
      <span className="text-xs text-muted-foreground">{t("label")}</span>
      {d.nextStep || d.nextStepAt ? (
        <>
          <span className="min-w-0 font-medium break-words" data-testid="next-step-value">
            {d.nextStep ?? "—"}
          </span>
          {d.nextStepAt ? (
            <span
              className={cn("text-xs text-muted-foreground", overdue && "font-medium text-destructive")}
              data-testid="next-step-at"
            >
              {day(d.nextStepAt)}
              {overdue ? ` · ${t("overdue")}` : null}
            </span>
          ) : null}
        </>
      ) : (
        <span className="text-muted-foreground">{t("none")}</span>
      )}
      <Button
        variant="ghost"
        size="sm"
        className="ml-auto"
        data-testid="next-step-edit"
        onClick={() => {
          setText(d.nextStep ?? "");
          setDate(d.nextStepAt ?? "");
          setEditing(true);
        }}
      >
        <PencilIcon />
        {d.nextStep || d.nextStepAt ? t("edit") : t("set")}
      </Button>
    </div>
  );
}

/** A next-step change in the timeline: old → new for the text and the date. */
export function NextStepChange({ changes }: { changes: Record<string, { from: unknown; to: unknown }> }) {
  const t = useTranslations("dealActivity.timeline");
  const day = useDay();
  const show = (key: string, v: unknown) =>
    typeof v !== "string" || !v ? null : key === "nextStepAt" ? day(v) : v;
  return (
    <ul
      className="grid gap-1 rounded-md border bg-muted/30 px-3 py-2 text-xs"
      data-testid="timeline-next-step"
    >
      {(["nextStep", "nextStepAt"] as const)
        .filter((k) => changes[k])
        .map((k) => {
          const before = show(k, changes[k]!.from);
          const after = show(k, changes[k]!.to);
          return (
            <li key={k} className="flex min-w-0 flex-wrap items-center gap-x-1.5">
              <span className="text-muted-foreground">{t(k)}</span>
              {before ? (
                <>
                  <span className="break-words line-through decoration-muted-foreground/50">{before}</span>
                  <ArrowRightIcon className="size-3 shrink-0 text-muted-foreground" />
                </>
              ) : null}
              <span className="font-medium break-words">{after ?? "—"}</span>
            </li>
          );
        })}
    </ul>
  );
}

/** Whether an event's changes are a next-step change (shown by NextStepChange). */
export const isNextStepChange = (changes: Record<string, unknown> | null) =>
  !!changes && Object.keys(changes).every((k) => k === "nextStep" || k === "nextStepAt");
