"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowLeftIcon, ArrowRightIcon, CheckIcon, Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useId, useState, type FormEvent } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogFormActions,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Label } from "@/lib/ui/label";
import { DryRunSummary } from "./dry-run-step";
import { MappingStep, suggestedMapping, unmappedStates } from "./mapping-step";
import { MigrationProgress } from "./progress";
import type { Mapping, MigrationPlan, MigrationTarget } from "./types";

const STEPS = ["map", "review", "run"] as const;
type Step = (typeof STEPS)[number];

/**
 * Migrating open deals (版本迁移), alone or with a rollout: map the stages (suggestions first),
 * check a dry run, write a note and apply, then watch the job's progress.
 */
export function MigrationDialog({
  target,
  onClose,
  onChanged,
}: {
  target: MigrationTarget | null;
  onClose: () => void;
  /** The rollout or migration started, or the migration ended: the page reloads what it shows. */
  onChanged: () => void;
}) {
  return target ? (
    <MigrationFlow
      key={`${target.mode}:${target.from.id}:${target.to.id}`}
      target={target}
      onClose={onClose}
      onChanged={onChanged}
    />
  ) : null;
}

function Steps({ step }: { step: Step }) {
  const t = useTranslations("migrations.steps");
  const at = STEPS.indexOf(step);
  return (
    <ol className="grid grid-cols-3 gap-2" data-testid="migration-steps">
      {STEPS.map((s, i) => (
        <li
          key={s}
          aria-current={i === at ? "step" : undefined}
          className={cn(
            "flex items-center gap-1.5 border-t-4 pt-2 text-xs font-medium sm:text-sm",
            i <= at ? "border-primary" : "border-muted text-muted-foreground",
          )}
        >
          <span
            className={cn(
              "flex size-5 shrink-0 items-center justify-center rounded-full text-[11px]",
              i < at
                ? "bg-primary text-primary-foreground"
                : i === at
                  ? "border-2 border-primary text-primary"
                  : "border",
            )}
          >
            {i < at ? <CheckIcon className="size-3" /> : i + 1}
          </span>
          <span className="truncate">{t(s)}</span>
        </li>
      ))}
    </ol>
  );
}

function MigrationFlow({
  target,
  onClose,
  onChanged,
}: {
  target: MigrationTarget;
  onClose: () => void;
  onChanged: () => void;
}) {
  const t = useTranslations("migrations");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const pair = { fromVersionId: target.from.id, toVersionId: target.to.id };
  const plan = useQuery(trpc.migrations.plan.queryOptions(pair, { staleTime: 0 }));
  const [step, setStep] = useState<Step>("map");
  const [edits, setEdits] = useState<Mapping | null>(null);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [migrationId, setMigrationId] = useState<string | null>(null);
  const mapping = edits ?? (plan.data ? suggestedMapping(plan.data) : {});
  const dryRun = useQuery(
    trpc.migrations.dryRun.queryOptions({ ...pair, mapping }, { enabled: step === "review", staleTime: 0 }),
  );
  const promote = useMutation(trpc.versions.promote.mutationOptions());
  const start = useMutation(trpc.migrations.start.mutationOptions());
  const busy = promote.isPending || start.isPending;
  // The page's versions (deal counts) and its migrations list follow a start and an end.
  const changed = useCallback(() => {
    void queryClient.invalidateQueries(trpc.migrations.list.pathFilter());
    onChanged();
  }, [queryClient, trpc, onChanged]);

  const apply = async (event: FormEvent) => {
    event.preventDefault();
    const text = note.trim();
    if (!text) return setError(t("apply.noteRequired"));
    setError(null);
    try {
      const started =
        target.mode === "rollout"
          ? (await promote.mutateAsync({ versionId: target.to.id, note: text, migrate: { mapping } }))
              .migration
          : await start.mutateAsync({ ...pair, mapping, note: text });
      if (!started) return;
      toast.success(
        t("apply.started", { count: started.total, from: target.from.number, to: target.to.number }),
      );
      setMigrationId(started.migrationId);
      setStep("run");
      changed();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const title =
    target.mode === "rollout"
      ? t("dialog.rolloutTitle", { to: target.to.number })
      : t("dialog.title", { from: target.from.number, to: target.to.number });
  const data: MigrationPlan | undefined = plan.data;
  const missing = data ? unmappedStates(data, mapping).length : 0;

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={tc("close")} className="max-w-3xl" data-testid="migration-dialog">
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>
            {t("dialog.description", { from: target.from.number, to: target.to.number })}
          </DialogDescription>
        </DialogHeader>
        <Steps step={step} />
        {!data ? (
          <div className="flex items-center justify-center gap-2 p-10 text-sm text-muted-foreground">
            <Loader2Icon className="size-5 animate-spin" />
            {t("dialog.loading")}
          </div>
        ) : step === "map" ? (
          <>
            {data.total === 0 ? (
              <p className="rounded-lg border border-dashed p-4 text-sm text-muted-foreground">
                {t("dialog.nothing", { number: data.from.number })}
              </p>
            ) : (
              <MappingStep plan={data} mapping={mapping} onChange={setEdits} />
            )}
            <DialogFooter>
              <Button type="button" variant="outline" onClick={onClose}>
                {tc("cancel")}
              </Button>
              <Button
                type="button"
                disabled={missing > 0 || data.total === 0}
                onClick={() => setStep("review")}
                data-testid="migration-dry-run"
              >
                {t("dialog.dryRun")}
                <ArrowRightIcon />
              </Button>
            </DialogFooter>
          </>
        ) : step === "review" ? (
          <form className="grid gap-4" onSubmit={apply}>
            {dryRun.data ? (
              <DryRunSummary plan={data} run={dryRun.data} />
            ) : (
              <div className="flex items-center justify-center gap-2 p-8 text-sm text-muted-foreground">
                <Loader2Icon className="size-5 animate-spin" />
                {t("dryRun.checking")}
              </div>
            )}
            <div className="grid gap-1.5">
              <Label htmlFor={`${id}-note`}>{t("apply.note")}</Label>
              <textarea
                id={`${id}-note`}
                value={note}
                maxLength={1000}
                rows={2}
                onChange={(e) => setNote(e.target.value)}
                placeholder={t("apply.notePlaceholder", { to: target.to.number })}
                className="flex min-h-16 w-full rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs placeholder:text-muted-foreground focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
                data-testid="migration-note"
              />
            </div>
            <DialogFormActions
              error={error}
              busy={busy}
              disabled={!dryRun.data}
              cancel={
                <>
                  <ArrowLeftIcon />
                  {t("dialog.back")}
                </>
              }
              onCancel={() => setStep("map")}
              submit={
                target.mode === "rollout"
                  ? t("apply.rolloutSubmit", { to: target.to.number, count: dryRun.data?.total ?? 0 })
                  : t("apply.submit", { count: dryRun.data?.total ?? 0 })
              }
              submitTestId="migration-apply"
            />
          </form>
        ) : (
          <>
            {migrationId ? <MigrationProgress migrationId={migrationId} onFinished={changed} /> : null}
            <DialogFooter>
              <Button type="button" onClick={onClose} data-testid="migration-close">
                {t("dialog.close")}
              </Button>
            </DialogFooter>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
