"use client";

import { useQuery } from "@tanstack/react-query";
import { Loader2Icon } from "lucide-react";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localized } from "@/lib/i18n/localized";
import type { ImportMapping } from "@/lib/import/mapping";
import { useTRPC } from "@/lib/trpc/client";
import { PageHeader } from "@/lib/ui/page-header";
import { CheckStep } from "./check-step";
import { ColumnsStep } from "./columns-step";
import { RunStep } from "./run-step";
import { Stepper, type Step } from "./stepper";
import type { Opened, Pending } from "./types";
import { ValuesStep } from "./values-step";

/** The import wizard: columns → values → check (dry run) → import with its progress. */
export function ImportWizard({ importId }: { importId: string }) {
  const trpc = useTRPC();
  const opened = useQuery(trpc.imports.get.queryOptions({ importId }, { staleTime: Infinity }));
  if (!opened.data) {
    return (
      <div className="flex justify-center p-12">
        <Loader2Icon className="size-6 animate-spin text-muted-foreground" />
      </div>
    );
  }
  return <Wizard opened={opened.data} />;
}

function Wizard({ opened }: { opened: Opened }) {
  const t = useTranslations("imports");
  const locale = useLocale();
  const format = useFormatter();
  const record = opened.import;
  const [step, setStep] = useState<Step>(record.status === "draft" ? "columns" : "run");
  const [mapping, setMapping] = useState<ImportMapping>(
    () =>
      record.mapping ?? {
        columns: opened.suggestions.map((s) => s?.target ?? null),
        values: {},
        dateOrder: "mdy",
        currency: "CNY",
      },
  );
  const [pending, setPending] = useState<Pending>({});
  const facts = [
    t("facts.rows", { count: record.rowCount }),
    t("facts.columns", { count: record.headers.length }),
    record.format === "xlsx" ? "XLSX" : `CSV · ${t(`encoding.${record.encoding ?? "utf-8"}` as never)}`,
    t("facts.into", { pipeline: localized(opened.pipelineName, locale) }),
    format.dateTime(new Date(record.createdAt), { dateStyle: "medium", timeStyle: "short" }),
  ];

  return (
    <>
      <PageHeader
        title={<span className="break-all">{record.fileName}</span>}
        description={<span data-testid="import-facts">{facts.join(" · ")}</span>}
      />
      <Stepper step={step} locked={step === "run"} onGo={setStep} />
      {step === "columns" ? (
        <ColumnsStep
          opened={opened}
          mapping={mapping}
          onChange={setMapping}
          onNext={() => setStep("values")}
        />
      ) : step === "values" ? (
        <ValuesStep
          opened={opened}
          mapping={mapping}
          onChange={setMapping}
          pending={pending}
          onPending={setPending}
          onBack={() => setStep("columns")}
          onNext={() => setStep("check")}
        />
      ) : step === "check" ? (
        <CheckStep
          opened={opened}
          mapping={mapping}
          onBack={() => setStep("values")}
          onStarted={() => setStep("run")}
        />
      ) : (
        <RunStep opened={opened} />
      )}
    </>
  );
}
