"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Loader2Icon, PlusIcon, WebhookIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Button } from "@/lib/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/lib/ui/dialog";
import { DeliveryDialog } from "./delivery-dialog";
import { DeliveryLog, type LogFilter } from "./delivery-log";
import { EndpointCard, type EndpointAction } from "./endpoint-card";
import { EndpointDialog, type EndpointDraft } from "./endpoint-dialog";
import { SecretDialog } from "./secret-dialog";
import type { EndpointRow } from "./types";

type Confirm = { kind: "delete" | "rotate" | "disable"; endpoint: EndpointRow };

/** Settings → Webhooks: the endpoints (add, edit, test, rotate, switch off and on, delete) and the delivery log. */
export function WebhooksView() {
  const t = useTranslations("webhooks");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const endpoints = useQuery(trpc.webhooks.list.queryOptions(undefined, { refetchInterval: 15_000 }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.webhooks.pathKey() });
  const opts = { onSettled: refresh };
  const create = useMutation(trpc.webhooks.create.mutationOptions(opts));
  const update = useMutation(trpc.webhooks.update.mutationOptions(opts));
  const enable = useMutation(trpc.webhooks.enable.mutationOptions(opts));
  const disable = useMutation(trpc.webhooks.disable.mutationOptions(opts));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions(opts));
  const rotate = useMutation(trpc.webhooks.rotateSecret.mutationOptions(opts));
  const sendTest = useMutation(trpc.webhooks.sendTest.mutationOptions(opts));
  const resend = useMutation(trpc.webhooks.resend.mutationOptions(opts));

  const [dialog, setDialog] = useState<{ editing?: EndpointRow } | null>(null);
  const [secret, setSecret] = useState<{ url: string; secret: string; rotated: boolean } | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [filter, setFilter] = useState<LogFilter>({});
  const [opened, setOpened] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  async function run<T>(id: string | null, work: () => Promise<T>, done?: (r: T) => void) {
    setBusy(id);
    try {
      const r = await work();
      done?.(r);
      return true;
    } catch (e) {
      toast.error(errorMessage(e));
      return false;
    } finally {
      setBusy(null);
    }
  }

  async function save(draft: EndpointDraft) {
    const editing = dialog?.editing;
    return run(
      editing?.id ?? null,
      () =>
        editing
          ? update
              .mutateAsync({ ...draft, id: editing.id, expectedVersion: editing.version })
              .then(() => null)
          : create.mutateAsync(draft),
      (created) => {
        setDialog(null);
        if (created) setSecret({ url: created.url, secret: created.secret, rotated: false });
        else toast.success(t("toast.saved"));
      },
    );
  }

  function onAction(endpoint: EndpointRow, action: EndpointAction) {
    switch (action) {
      case "edit":
        return setDialog({ editing: endpoint });
      case "test":
        return run(
          endpoint.id,
          () => sendTest.mutateAsync({ id: endpoint.id }),
          () => {
            toast.success(t("toast.testQueued"));
            setFilter({ endpointId: endpoint.id });
          },
        );
      case "enable":
        return run(
          endpoint.id,
          () => enable.mutateAsync({ id: endpoint.id }),
          (r) =>
            toast.success(
              r.resumed > 0 ? t("toast.enabledResumed", { count: r.resumed }) : t("toast.enabled"),
            ),
        );
      case "log":
        return setFilter({ endpointId: endpoint.id, status: endpoint.pending > 0 ? "pending" : undefined });
      case "rotate":
      case "disable":
      case "delete":
        return setConfirm({ kind: action, endpoint });
    }
  }

  async function confirmed() {
    if (!confirm) return;
    const { kind, endpoint } = confirm;
    const id = { id: endpoint.id };
    await run(
      endpoint.id,
      async () => {
        if (kind === "rotate") return (await rotate.mutateAsync(id)).secret;
        if (kind === "disable") await disable.mutateAsync(id);
        else await remove.mutateAsync(id);
        return null;
      },
      (newSecret) => {
        setConfirm(null);
        if (newSecret) setSecret({ url: endpoint.url, secret: newSecret, rotated: true });
        else toast.success(kind === "disable" ? t("toast.disabled") : t("toast.deleted"));
        if (kind === "delete" && filter.endpointId === endpoint.id) setFilter({});
      },
    );
  }

  async function resendOne(id: string) {
    await run(
      `resend:${id}`,
      () => resend.mutateAsync({ id }),
      (r) => {
        toast.success(t("toast.resent"));
        setOpened(r.deliveryId);
      },
    );
  }

  const list = endpoints.data ?? [];
  return (
    <div className="grid gap-8">
      <section className="grid gap-3" aria-labelledby="endpoints-title">
        <div className="flex flex-wrap items-center gap-3">
          <h2 id="endpoints-title" className="mr-auto text-base font-semibold">
            {t("endpoints")}
          </h2>
          <Button onClick={() => setDialog({})} data-testid="webhook-add">
            <PlusIcon />
            {t("add")}
          </Button>
        </div>
        {endpoints.isPending ? (
          <Loader2Icon className="size-5 animate-spin text-muted-foreground" aria-label={t("loading")} />
        ) : list.length === 0 ? (
          <div className="grid justify-items-center gap-3 rounded-xl border border-dashed px-6 py-10 text-center">
            <span className="flex size-10 items-center justify-center rounded-full bg-primary/10 text-primary">
              <WebhookIcon className="size-5" />
            </span>
            <p className="max-w-md text-sm text-muted-foreground">{t("empty")}</p>
            <Button variant="outline" onClick={() => setDialog({})}>
              <PlusIcon />
              {t("add")}
            </Button>
          </div>
        ) : (
          <ul className="grid gap-3">
            {list.map((e) => (
              <EndpointCard key={e.id} endpoint={e} busy={busy === e.id} onAction={(a) => onAction(e, a)} />
            ))}
          </ul>
        )}
      </section>

      {list.length > 0 ? (
        <DeliveryLog
          endpoints={list}
          filter={filter}
          onFilter={setFilter}
          onOpen={(d) => setOpened(d.id)}
          onResend={(d) => resendOne(d.id)}
          resending={busy?.startsWith("resend:") ? busy.slice(7) : null}
        />
      ) : null}

      {dialog ? (
        <EndpointDialog
          key={dialog.editing?.id ?? "new"}
          open
          onOpenChange={(open) => (open ? null : setDialog(null))}
          initial={
            dialog.editing
              ? {
                  url: dialog.editing.url,
                  description: dialog.editing.description,
                  events: dialog.editing.events as EndpointDraft["events"],
                }
              : undefined
          }
          pending={create.isPending || update.isPending}
          onSubmit={save}
        />
      ) : null}
      <SecretDialog shown={secret} onClose={() => setSecret(null)} />
      <DeliveryDialog
        deliveryId={opened}
        onClose={() => setOpened(null)}
        onResend={resendOne}
        resending={busy === `resend:${opened}`}
      />
      <Dialog open={confirm !== null} onOpenChange={(open) => (open ? null : setConfirm(null))}>
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{confirm ? t(`confirm.${confirm.kind}Title`) : ""}</DialogTitle>
            <DialogDescription>{confirm ? t(`confirm.${confirm.kind}Hint`) : ""}</DialogDescription>
          </DialogHeader>
          <p className="font-mono text-xs break-all text-muted-foreground">{confirm?.endpoint.url}</p>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                {tc("cancel")}
              </Button>
            </DialogClose>
            <Button
              type="button"
              variant={confirm?.kind === "rotate" ? "default" : "destructive"}
              onClick={confirmed}
              disabled={busy !== null}
            >
              {busy !== null ? <Loader2Icon className="animate-spin" /> : null}
              {confirm ? t(`confirm.${confirm.kind}`) : ""}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
