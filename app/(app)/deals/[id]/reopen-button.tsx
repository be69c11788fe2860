"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { RotateCcwIcon } from "lucide-react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { localized } from "@/lib/i18n/localized";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Textarea } from "./field-input";
import type { DealData, DealForm } from "./types";

/** For managers and admins on a won or lost deal: reopen it into an open stage they choose. */
export function ReopenButton({ deal, form }: { deal: DealData; form: DealForm }) {
  const t = useTranslations("dealActivity.reopen");
  const tc = useTranslations("common");
  const locale = useLocale();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: me } = useQuery(trpc.me.get.queryOptions());
  const open = form.stages.filter((s) => s.outcome === "open");
  // By default, the stage it was closed from (the last move's origin), when that is open.
  const closing = [...deal.events]
    .reverse()
    .find((e) => e.type === "action" || e.type === "approval" || e.type === "timeLimit");
  const fallback = open.find((s) => s.key === closing?.fromStage)?.key ?? open[0]?.key ?? "";
  const [shown, setShown] = useState(false);
  const [stage, setStage] = useState(fallback);
  const [comment, setComment] = useState("");
  const reopen = useMutation(
    trpc.dealActivity.reopen.mutationOptions({
      onSuccess: (result) => {
        setShown(false);
        setComment("");
        const name = open.find((s) => s.key === result.stage)?.name;
        toast.success(t("done", { stage: name ? localized(name, locale) : result.stage }));
        return queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() });
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  const role = me?.activeCompany?.role;
  const closed = deal.stage?.kind === "stage" && deal.stage.outcome !== "open";
  if (!closed || (role !== "admin" && role !== "manager")) return null;

  return (
    <Dialog
      open={shown}
      onOpenChange={(o) => {
        setShown(o);
        if (o) setStage(fallback);
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" data-testid="reopen-button">
          <RotateCcwIcon />
          {t("button")}
        </Button>
      </DialogTrigger>
      <DialogContent closeLabel={tc("close")} data-testid="reopen-dialog">
        <DialogHeader>
          <DialogTitle>{t("title")}</DialogTitle>
          <DialogDescription>{t("description")}</DialogDescription>
        </DialogHeader>
        <form
          className="grid gap-4"
          onSubmit={(e) => {
            e.preventDefault();
            reopen.mutate({
              dealId: deal.deal.id,
              expectedVersion: deal.deal.version,
              stage,
              comment: comment.trim() || undefined,
            });
          }}
        >
          <Field id="reopen-stage" label={t("stage")}>
            <Select value={stage} onValueChange={setStage}>
              <SelectTrigger id="reopen-stage" data-testid="reopen-stage">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {open.map((s) => (
                  <SelectItem key={s.key} value={s.key}>
                    {localized(s.name, locale)}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </Field>
          <Field id="reopen-comment" label={t("comment")}>
            <Textarea
              id="reopen-comment"
              value={comment}
              maxLength={2000}
              onChange={(e) => setComment(e.target.value)}
            />
          </Field>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setShown(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" disabled={!stage || reopen.isPending} data-testid="reopen-confirm">
              {t("confirm")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
