import type { Metadata } from "next";
import { ArrowLeftIcon, FileDownIcon } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import Markdown from "react-markdown";
import { serverApi } from "@/lib/trpc/server";
import { buttonVariants } from "@/lib/ui/button";
import { cn } from "@/lib/ui/cn";
import { loadRulebook, rulebookLang } from "./load";
import { PrintButton } from "./print-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("versions.rulebook"))("pageTitle") };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The rulebook (制度手册) of a version: the process written out to hand out and sign, in Chinese
 * or English (`?lang=zh|en`, else the reader's language), with a print view and a PDF download
 * (`./pdf`, the same content laid out for A4 on the server).
 */
export default async function RulebookPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string; versionId: string }>;
  searchParams: Promise<{ lang?: string }>;
}) {
  const [{ id, versionId }, query] = await Promise.all([params, searchParams]);
  const api = await serverApi();
  const me = await api.me.get();
  const role = me.activeCompany?.role;
  if ((role !== "admin" && role !== "trainer") || !UUID.test(versionId)) notFound();
  const t = await getTranslations("versions.rulebook");
  const lang = rulebookLang(query.lang, await getLocale());
  const loaded = await loadRulebook(api, { pipelineId: id, versionId, lang }).catch(() => null);
  if (!loaded) notFound();
  const { book } = loaded;
  const L = book.labels;
  const section = "mt-10 break-inside-avoid-page";
  const h2 = "mb-4 border-b pb-2 text-lg font-semibold";

  return (
    <div data-testid="rulebook-page">
      <div className="no-print mb-6 flex flex-wrap items-center justify-between gap-3">
        <Link
          href={`/pipelines/${id}/versions`}
          className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeftIcon className="size-4" />
          {t("back")}
        </Link>
        <div className="flex flex-wrap items-center gap-2">
          <div
            className="inline-flex rounded-md border p-0.5 text-sm"
            role="group"
            aria-label={t("language")}
          >
            {(["zh", "en"] as const).map((l) => (
              <Link
                key={l}
                href={`?lang=${l}`}
                aria-current={lang === l ? "true" : undefined}
                className={cn(
                  "whitespace-nowrap rounded px-3 py-1",
                  lang === l ? "bg-primary text-primary-foreground" : "text-muted-foreground hover:bg-muted",
                )}
                data-testid={`rulebook-lang-${l}`}
              >
                {l === "zh" ? "中文" : "English"}
              </Link>
            ))}
          </div>
          <a
            href={`/pipelines/${id}/versions/${versionId}/rulebook/pdf?lang=${lang}`}
            download
            className={buttonVariants({ variant: "outline" })}
            data-testid="download-rulebook-pdf"
          >
            <FileDownIcon />
            {t("downloadPdf")}
          </a>
          <PrintButton label={t("print")} />
        </div>
      </div>
      <p className="no-print mb-4 text-xs text-muted-foreground">{t("printHint")}</p>
      <article
        lang={lang === "zh" ? "zh-CN" : "en"}
        className="mx-auto max-w-4xl rounded-xl border bg-card px-6 py-8 shadow-sm sm:px-12 sm:py-12 print:max-w-none print:border-0 print:p-0 print:shadow-none"
        data-testid="rulebook"
      >
        <header className="border-b pb-6">
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{book.title}</h1>
          <dl className="mt-4 flex flex-wrap gap-x-8 gap-y-2 text-sm">
            {book.meta.map((m) => (
              <div key={m.label} className="flex gap-2">
                <dt className="text-muted-foreground">{m.label}</dt>
                <dd className="font-medium">{m.value}</dd>
              </div>
            ))}
          </dl>
          {book.changeNote ? (
            <p className="mt-3 text-sm">
              <span className="text-muted-foreground">
                {book.changeNote.label}
                {L.colon}
              </span>
              {book.changeNote.text}
            </p>
          ) : null}
        </header>

        <section className="mt-8">
          <h2 className={h2}>{book.headings.stages}</h2>
          <p className="mb-5 text-sm text-muted-foreground">{book.headings.stagesIntro}</p>
          <ol className="grid gap-5">
            {book.stages.map((s, i) => (
              <li
                key={s.key}
                className="break-inside-avoid rounded-lg border p-4"
                data-testid="rulebook-stage"
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <h3 className="text-base font-semibold">
                    {i + 1}. {s.name}
                    {s.outcome !== "open" ? (
                      <span className="ml-2 text-xs font-normal text-muted-foreground">
                        {s.outcome === "won" ? L.won : L.lost}
                      </span>
                    ) : null}
                  </h3>
                  <span className="text-sm text-muted-foreground">
                    {L.probability} {s.probability}
                  </span>
                </div>
                {s.outcome === "open" ? (
                  <dl className="mt-3 grid gap-3 text-sm sm:grid-cols-[9rem_minmax(0,1fr)]">
                    <dt className="font-medium text-muted-foreground">{L.purpose}</dt>
                    <dd className="prose-sm min-w-0 [&_li]:ml-4 [&_ol]:list-decimal [&_p]:mb-1 [&_ul]:list-disc">
                      {s.guidance ? <Markdown>{s.guidance}</Markdown> : L.noGuidance}
                    </dd>
                    <dt className="font-medium text-muted-foreground">{L.exit}</dt>
                    <dd>
                      {s.exit.length ? (
                        <ul className="list-disc pl-4">
                          {s.exit.map((x) => (
                            <li key={x}>{x}</li>
                          ))}
                        </ul>
                      ) : (
                        L.none
                      )}
                    </dd>
                    <dt className="font-medium text-muted-foreground">{L.owner}</dt>
                    <dd>{s.owner}</dd>
                    <dt className="font-medium text-muted-foreground">{L.timeLimit}</dt>
                    <dd>{s.timeLimit ?? L.none}</dd>
                    <dt className="font-medium text-muted-foreground">{L.actions}</dt>
                    <dd>
                      <ul className="list-disc pl-4">
                        {s.actions.map((a) => (
                          <li key={a}>{a}</li>
                        ))}
                      </ul>
                    </dd>
                  </dl>
                ) : null}
              </li>
            ))}
          </ol>
        </section>

        <section className={section}>
          <h2 className={h2}>{book.headings.qualification}</h2>
          <h3 className="mb-2 font-semibold">{L.namedRules}</h3>
          {book.rules.length ? (
            <ul className="mb-5 grid gap-1.5 text-sm">
              {book.rules.map((r) => (
                <li key={r.name}>
                  <span className="font-medium">{r.name}</span>
                  {L.colon}
                  {r.text}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-5 text-sm text-muted-foreground">{L.noRules}</p>
          )}
          <h3 className="mb-2 font-semibold">{L.scoring}</h3>
          {book.scoring ? (
            <div className="mb-5 text-sm">
              <table className="w-full border-collapse">
                <tbody>
                  {book.scoring.criteria.map((c) => (
                    <tr key={c.label} className="border-b align-top">
                      <td className="py-1.5 pr-3 font-medium">{c.label}</td>
                      <td className="py-1.5 pr-3 text-muted-foreground">{c.when}</td>
                      <td className="py-1.5 text-right tabular-nums">+{c.points}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <p className="mt-2">{book.scoring.thresholds}</p>
            </div>
          ) : (
            <p className="mb-5 text-sm text-muted-foreground">{L.noScoring}</p>
          )}
          {book.assignment ? (
            <>
              <h3 className="mb-2 font-semibold">{L.assignment}</h3>
              <p className="text-sm">{book.assignment}</p>
            </>
          ) : null}
        </section>

        <section className={section}>
          <h2 className={h2}>{book.headings.approvals}</h2>
          {book.approvals.length ? (
            <div className="grid gap-4">
              {book.approvals.map((a) => (
                <div key={a.name} className="break-inside-avoid text-sm">
                  <h3 className="font-semibold">{a.name}</h3>
                  <dl className="mt-1 grid gap-1 sm:grid-cols-[9rem_minmax(0,1fr)]">
                    <dt className="text-muted-foreground">{L.approver}</dt>
                    <dd>{a.approver}</dd>
                    <dt className="text-muted-foreground">{L.enteredBy}</dt>
                    <dd>{a.entry.join(L.semicolon)}</dd>
                    <dt className="text-muted-foreground">{L.outcomes}</dt>
                    <dd>{a.outcomes.join(L.semicolon)}</dd>
                  </dl>
                </div>
              ))}
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">{L.noApprovals}</p>
          )}
        </section>

        <section className={section}>
          <h2 className={h2}>{book.headings.decisions}</h2>
          {book.decisions.length ? (
            <div className="grid gap-3 text-sm">
              {book.decisions.map((d) => (
                <div key={d.name} className="break-inside-avoid">
                  <h3 className="font-semibold">{d.name}</h3>
                  <ul className="mt-1 list-disc pl-4">
                    {d.branches.map((b) => (
                      <li key={b}>{b}</li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">{L.noDecisions}</p>
          )}
        </section>

        <section className={section}>
          <h2 className={h2}>{book.headings.fields}</h2>
          <table className="w-full border-collapse text-sm">
            <thead>
              <tr className="border-b text-left text-muted-foreground">
                <th className="py-1.5 pr-3 font-medium">{L.field}</th>
                <th className="py-1.5 pr-3 font-medium">{L.type}</th>
                <th className="py-1.5 pr-3 font-medium">{L.options}</th>
                <th className="py-1.5 font-medium">{L.requiredAtCreation}</th>
              </tr>
            </thead>
            <tbody>
              {book.fields.map((f) => (
                <tr key={f.name} className="border-b align-top">
                  <td className="py-1.5 pr-3 font-medium">{f.name}</td>
                  <td className="py-1.5 pr-3">{f.type}</td>
                  <td className="py-1.5 pr-3 text-muted-foreground">{f.options ?? "—"}</td>
                  <td className="py-1.5">{f.requiredAtCreation ? L.yes : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className={section} data-testid="rulebook-changes">
          <h2 className={h2}>{book.headings.changes}</h2>
          {book.changes.previous !== null ? (
            <p className="mb-2 text-sm text-muted-foreground">
              {L.comparedWith} v{book.changes.previous}
            </p>
          ) : null}
          {book.changes.lines.length ? (
            <ul className="list-disc pl-4 text-sm">
              {book.changes.lines.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : (
            <p className="text-sm">{book.changes.empty}</p>
          )}
        </section>
      </article>
    </div>
  );
}
