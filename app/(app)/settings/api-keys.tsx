"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, CopyIcon, KeyRoundIcon, Loader2Icon, PlusIcon } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { toast } from "sonner";
import { errorMessage, useTRPC } from "@/lib/trpc/client";
import { Badge } from "@/lib/ui/badge";
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
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from "@/lib/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";

type Scope = "read" | "write";

/** Settings → API keys (admins): create with a name and scope, see the token once, revoke. */
export function ApiKeys() {
  const t = useTranslations("settings.apiKeys");
  const tc = useTranslations("common");
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.apiKeys.list.queryKey() });
  const create = useMutation(trpc.apiKeys.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.apiKeys.revoke.mutationOptions({ onSuccess: refresh }));

  const [creating, setCreating] = useState(false);
  const [name, setName] = useState("");
  const [scope, setScope] = useState<Scope>("read");
  const [nameError, setNameError] = useState<string>();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<{ id: string; name: string } | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setNameError(t("nameRequired"));
      return;
    }
    try {
      const key = await create.mutateAsync({ name: name.trim(), scope });
      setCreating(false);
      setName("");
      setScope("read");
      setNameError(undefined);
      setCopied(false);
      setCreated({ name: key.name, token: key.token });
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied(true);
      toast.success(t("copied"));
    } catch {
      toast.error(t("copyFailed"));
    }
  }

  async function confirmRevoke() {
    if (!revoking) return;
    try {
      await revoke.mutateAsync({ keyId: revoking.id });
      toast.success(t("revoked", { name: revoking.name }));
      setRevoking(null);
    } catch (err) {
      toast.error(errorMessage(err));
    }
  }

  const when = (d: Date | string | null) =>
    d ? format.dateTime(new Date(d), { dateStyle: "medium", timeStyle: "short" }) : null;

  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <Button onClick={() => setCreating(true)}>
          <PlusIcon />
          {t("create")}
        </Button>
      </div>

      {keys.data && keys.data.length > 0 ? (
        <div className="overflow-x-auto rounded-md border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("name")}</TableHead>
                <TableHead>{t("key")}</TableHead>
                <TableHead>{t("scope")}</TableHead>
                <TableHead>{t("createdBy")}</TableHead>
                <TableHead>{t("lastUsed")}</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">{t("actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {keys.data.map((k) => (
                <TableRow
                  key={k.id}
                  data-testid="api-key-row"
                  className={k.revokedAt ? "text-muted-foreground" : ""}
                >
                  <TableCell className="font-medium">{k.name}</TableCell>
                  <TableCell>
                    <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">pw_{k.prefix}_…</code>
                  </TableCell>
                  <TableCell>
                    <Badge variant={k.scope === "write" ? "warning" : "secondary"}>
                      {t(`scopes.${k.scope}`)}
                    </Badge>
                  </TableCell>
                  <TableCell>
                    <span className="block">{k.createdByName}</span>
                    <span className="block text-xs text-muted-foreground">{when(k.createdAt)}</span>
                  </TableCell>
                  <TableCell>
                    {when(k.lastUsedAt) ?? <span className="text-muted-foreground">{t("never")}</span>}
                  </TableCell>
                  <TableCell className="text-right">
                    {k.revokedAt ? (
                      <Badge variant="outline">{t("revokedOn", { date: when(k.revokedAt)! })}</Badge>
                    ) : (
                      <Button
                        variant="ghost"
                        size="sm"
                        onClick={() => setRevoking({ id: k.id, name: k.name })}
                      >
                        {t("revoke")}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : keys.data ? (
        <div className="flex items-center gap-3 rounded-md border border-dashed p-6 text-sm text-muted-foreground">
          <KeyRoundIcon className="size-5" />
          {t("empty")}
        </div>
      ) : (
        <Loader2Icon className="size-5 animate-spin text-muted-foreground" aria-label={t("loading")} />
      )}

      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent closeLabel={tc("close")}>
          <form className="grid gap-4" onSubmit={submit} noValidate>
            <DialogHeader>
              <DialogTitle>{t("createTitle")}</DialogTitle>
              <DialogDescription>{t("createHint")}</DialogDescription>
            </DialogHeader>
            <Field id="api-key-name" label={t("name")} error={nameError} hint={t("nameHint")}>
              <Input
                id="api-key-name"
                value={name}
                maxLength={80}
                autoFocus
                aria-invalid={!!nameError}
                onChange={(e) => setName(e.target.value)}
              />
            </Field>
            <Field id="api-key-scope" label={t("scope")} hint={t(`scopeHints.${scope}`)}>
              <Select value={scope} onValueChange={(v) => setScope(v as Scope)}>
                <SelectTrigger id="api-key-scope" className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value="read">{t("scopes.read")}</SelectItem>
                  <SelectItem value="write">{t("scopes.write")}</SelectItem>
                </SelectContent>
              </Select>
            </Field>
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline">
                  {tc("cancel")}
                </Button>
              </DialogClose>
              <Button type="submit" disabled={create.isPending}>
                {create.isPending ? <Loader2Icon className="animate-spin" /> : null}
                {t("create")}
              </Button>
            </DialogFooter>
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={created !== null} onOpenChange={(open) => (open ? null : setCreated(null))}>
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{t("createdTitle", { name: created?.name ?? "" })}</DialogTitle>
            <DialogDescription>{t("createdHint")}</DialogDescription>
          </DialogHeader>
          <div className="flex items-center gap-2">
            <code
              data-testid="api-key-token"
              className="min-w-0 flex-1 break-all rounded-md border bg-muted px-3 py-2 font-mono text-xs"
            >
              {created?.token}
            </code>
            <Button type="button" variant="outline" size="icon" onClick={copy} aria-label={t("copy")}>
              {copied ? <CheckIcon /> : <CopyIcon />}
            </Button>
          </div>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button">{t("done")}</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <Dialog open={revoking !== null} onOpenChange={(open) => (open ? null : setRevoking(null))}>
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{t("revokeTitle", { name: revoking?.name ?? "" })}</DialogTitle>
            <DialogDescription>{t("revokeHint")}</DialogDescription>
          </DialogHeader>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                {tc("cancel")}
              </Button>
            </DialogClose>
            <Button type="button" variant="destructive" onClick={confirmRevoke} disabled={revoke.isPending}>
              {revoke.isPending ? <Loader2Icon className="animate-spin" /> : null}
              {t("revoke")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
