"use client";

import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "@/lib/webhooks/events";
import { Button } from "@/lib/ui/button";
import { Checkbox } from "@/lib/ui/checkbox";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { eventKey } from "./event-labels";

export type EndpointDraft = { url: string; description: string; events: WebhookEventType[] };

/** The URL as the browser parses it: http(s) and nothing else, or the catalogue key of what is wrong. */
function urlProblem(url: string) {
  if (!url.trim()) return "urlRequired";
  try {
    const parsed = new URL(url.trim());
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? null : "urlScheme";
  } catch {
    return "urlInvalid";
  }
}

/** Add or edit an endpoint: URL, a note, and the events it receives (ticked in a list). */
export function EndpointDialog({
  open,
  onOpenChange,
  initial,
  pending,
  onSubmit,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Editing this endpoint; creating when absent. */
  initial?: EndpointDraft;
  pending: boolean;
  onSubmit: (draft: EndpointDraft) => Promise<boolean>;
}) {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const [draft, setDraft] = useState<EndpointDraft>(
    initial ?? { url: "", description: "", events: ["deal.stage_changed", "deal.won", "deal.lost"] },
  );
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});

  const all = draft.events.length === WEBHOOK_EVENT_TYPES.length;
  const toggle = (type: WebhookEventType, on: boolean) =>
    setDraft((d) => ({
      ...d,
      events: on
        ? WEBHOOK_EVENT_TYPES.filter((x) => x === type || d.events.includes(x))
        : d.events.filter((x) => x !== type),
    }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const url = urlProblem(draft.url);
    const next = {
      url: url ? t(`form.${url}`) : undefined,
      events: draft.events.length === 0 ? t("form.eventsRequired") : undefined,
    };
    setErrors(next);
    if (next.url || next.events) return;
    if (await onSubmit({ ...draft, url: draft.url.trim(), description: draft.description.trim() }))
      setErrors({});
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")} className="sm:max-w-xl">
        <form className="grid gap-4" onSubmit={submit} noValidate>
          <DialogHeader>
            <DialogTitle>{initial ? t("form.editTitle") : t("form.createTitle")}</DialogTitle>
            <DialogDescription>{t("form.hint")}</DialogDescription>
          </DialogHeader>
          <Field id="webhook-url" label={t("form.url")} error={errors.url} hint={t("form.urlHint")}>
            <Input
              id="webhook-url"
              type="url"
              inputMode="url"
              placeholder="https://erp.example.com/hooks/pipewright"
              value={draft.url}
              maxLength={2000}
              autoFocus
              aria-invalid={!!errors.url}
              className="font-mono text-sm"
              onChange={(e) => setDraft({ ...draft, url: e.target.value })}
            />
          </Field>
          <Field id="webhook-description" label={t("form.description")} hint={t("form.descriptionHint")}>
            <Input
              id="webhook-description"
              value={draft.description}
              maxLength={200}
              onChange={(e) => setDraft({ ...draft, description: e.target.value })}
            />
          </Field>
          <fieldset className="grid gap-2">
            <div className="flex items-center justify-between gap-2">
              <legend className="text-sm font-medium">{t("form.events")}</legend>
              <Button
                type="button"
                variant="ghost"
                size="sm"
                className="-mr-2 h-7 text-primary hover:text-primary"
                onClick={() => setDraft({ ...draft, events: all ? [] : [...WEBHOOK_EVENT_TYPES] })}
              >
                {all ? t("form.selectNone") : t("form.selectAll")}
              </Button>
            </div>
            <div className="grid gap-1 rounded-lg border p-1 sm:grid-cols-2" data-testid="webhook-events">
              {WEBHOOK_EVENT_TYPES.map((type) => {
                const id = `webhook-event-${type}`;
                return (
                  <label
                    key={type}
                    htmlFor={id}
                    className="flex cursor-pointer items-start gap-2.5 rounded-md px-2.5 py-2 hover:bg-accent"
                  >
                    <Checkbox
                      id={id}
                      className="mt-0.5"
                      checked={draft.events.includes(type)}
                      onCheckedChange={(v) => toggle(type, v === true)}
                    />
                    <span className="grid min-w-0 gap-0.5">
                      <span className="text-sm leading-tight">{t(`events.${eventKey(type)}`)}</span>
                      <code className="truncate font-mono text-[11px] text-muted-foreground">{type}</code>
                    </span>
                  </label>
                );
              })}
            </div>
            {errors.events ? (
              <p role="alert" className="text-xs text-destructive">
                {errors.events}
              </p>
            ) : null}
          </fieldset>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                {tc("cancel")}
              </Button>
            </DialogClose>
            <Button type="submit" disabled={pending}>
              {pending ? <Loader2Icon className="animate-spin" /> : null}
              {initial ? tc("save") : t("form.create")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
