import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import { DownloadIcon } from "lucide-react";
import { openApiDocument } from "@/lib/server/api-v1/openapi";
import { OPERATIONS } from "@/lib/server/api-v1/operations";
import { RATE_LIMIT, RATE_WINDOW_SECONDS } from "@/lib/server/api-v1/keys";
import type { Operation } from "@/lib/server/api-v1/http";
import { Badge } from "@/lib/ui/badge";
import { buttonVariants } from "@/lib/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/lib/ui/card";
import { PageHeader } from "@/lib/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";
import { WebhooksReference } from "./webhooks-reference";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("developers"))("title") };
}

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  description?: string;
  "x-description-zh"?: string;
  minimum?: number;
  maximum?: number;
  default?: unknown;
};

type Doc = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: Array<{
          name: string;
          in: string;
          required?: boolean;
          schema?: JsonSchema;
          description?: string;
          "x-description-zh"?: string;
        }>;
        requestBody?: { content: Record<string, { schema: JsonSchema; example?: unknown }> };
        responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
      }
    >
  >;
  components: { schemas: Record<string, JsonSchema> };
};

const refName = (ref: string) => ref.split("/").pop()!;

/** A description in the reader's language: the document carries Chinese in `x-description-zh`. */
const describe = (
  s: { description?: string; "x-description-zh"?: string } | undefined,
  locale: "zh" | "en",
) => (locale === "zh" ? s?.["x-description-zh"] : undefined) ?? s?.description ?? "";

/** A JSON schema as a short type: `string (uuid)`, `Deal[]`, `"read" | "write"`, `DealValue | null`. */
function typeLabel(s: JsonSchema | undefined): string {
  if (!s) return "any";
  if (s.$ref) return refName(s.$ref);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.const !== undefined) return JSON.stringify(s.const);
  const union = s.anyOf ?? s.oneOf;
  if (union) return union.map(typeLabel).join(" | ");
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (s.type === "array") return `${typeLabel(s.items)}[]`;
  if (
    s.type === "object" &&
    !s.properties &&
    s.additionalProperties &&
    typeof s.additionalProperties === "object"
  )
    return `{ [key]: ${typeLabel(s.additionalProperties)} }`;
  if (s.type === "integer" && s.minimum !== undefined && s.maximum !== undefined && s.maximum < 1e9)
    return `integer ${s.minimum}–${s.maximum}`;
  return s.format ? `${s.type} (${s.format})` : (s.type ?? "object");
}

const METHOD_STYLE: Record<string, string> = {
  get: "bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200",
  post: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200",
  patch: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200",
};

function MethodTag({ method }: { method: string }) {
  return (
    <span
      className={`inline-flex w-14 justify-center rounded px-1.5 py-0.5 font-mono text-xs font-semibold uppercase ${METHOD_STYLE[method] ?? ""}`}
    >
      {method}
    </span>
  );
}

function Code({ children }: { children: string }) {
  return (
    <pre className="overflow-x-auto rounded-md border bg-muted/60 p-3 font-mono text-xs leading-relaxed">
      <code>{children}</code>
    </pre>
  );
}

function curlOf(op: Operation, base: string) {
  const path = op.path
    .replace("{id}", op.path.startsWith("/pipelines") ? "<pipeline-id>" : "<deal-id>")
    .replace("{action}", "startProposal");
  const lines = [
    `curl ${op.method === "get" ? "" : `-X ${op.method.toUpperCase()} `}"${base}${path}${op.example?.query ?? ""}"`,
  ];
  lines.push(`  -H "Authorization: Bearer $PIPEWRIGHT_KEY"`);
  lines.push(`  -H "Accept-Language: zh-CN"`);
  for (const h of op.headers ?? [])
    if (h.required || h.name === "Idempotency-Key") lines.push(`  -H "${h.name}: ${h.example ?? "…"}"`);
  if (op.body) {
    lines.push(`  -H "Content-Type: application/json"`);
    lines.push(`  -d '${JSON.stringify(op.example?.body ?? {})}'`);
  }
  return lines.join(" \\\n");
}

const PROBLEMS = [
  ["invalid-request", 400],
  ["invalid-values", 400],
  ["unauthorized", 401],
  ["forbidden", 403],
  ["not-found", 404],
  ["conflict", 409],
  ["stale-version", 409],
  ["idempotency-in-progress", 409],
  ["unprocessable", 422],
  ["action-refused", 422],
  ["idempotency-mismatch", 422],
  ["precondition-required", 428],
  ["rate-limited", 429],
  ["internal", 500],
] as const;

/** The API reference, rendered from the OpenAPI document the API serves (zh-CN and en). */
export default async function DevelopersPage() {
  const t = await getTranslations("developers");
  const tw = await getTranslations("webhooks.reference");
  const locale = (await getLocale()) === "en" ? "en" : "zh";
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto =
    h.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  const base = `${proto}://${host}/api/v1`;
  const doc = openApiDocument() as unknown as Doc;
  const schemaNames = Object.keys(doc.components.schemas).sort();

  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("intro")}
        actions={
          <a href="/api/v1/openapi.json" className={buttonVariants({ variant: "outline" })} download>
            <DownloadIcon />
            openapi.json
          </a>
        }
      />
      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <nav aria-label={t("contents")} className="hidden lg:block">
          <div className="sticky top-4 grid gap-1 text-sm">
            {(
              [
                ["auth", t("auth.title")],
                ["errors", t("errors.title")],
                ["idempotency", t("idempotency.title")],
                ["rate-limits", t("rateLimits.title")],
                ["webhooks", tw("title")],
              ] as const
            ).map(([anchor, title]) => (
              <a key={anchor} className="rounded px-2 py-1 hover:bg-accent" href={`#${anchor}`}>
                {title}
              </a>
            ))}
            <p className="mt-3 px-2 text-xs font-medium uppercase text-muted-foreground">{t("endpoints")}</p>
            {OPERATIONS.map((op) => (
              <a
                key={op.id}
                className="flex items-center gap-2 rounded px-2 py-1 hover:bg-accent"
                href={`#${op.id}`}
              >
                <span className="w-10 font-mono text-[10px] font-semibold uppercase text-muted-foreground">
                  {op.method}
                </span>
                <span className="truncate">{op.summary[locale]}</span>
              </a>
            ))}
            <a className="mt-3 rounded px-2 py-1 hover:bg-accent" href="#schemas">
              {t("schemas")}
            </a>
          </div>
        </nav>

        <div className="grid min-w-0 grid-cols-1 gap-6">
          <Card id="auth">
            <CardHeader>
              <CardTitle>{t("auth.title")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              <p>{t("auth.body")}</p>
              <p className="text-muted-foreground">{t("auth.scopes")}</p>
              <p>
                {t("baseUrl")}{" "}
                <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">{base}</code>
              </p>
              <Code>{`curl "${base}/deals?limit=20" \\\n  -H "Authorization: Bearer pw_xxxxxxxxxxxx_…"`}</Code>
            </CardContent>
          </Card>

          <Card id="errors">
            <CardHeader>
              <CardTitle>{t("errors.title")}</CardTitle>
            </CardHeader>
            <CardContent className="grid gap-3 text-sm">
              <p>{t("errors.body")}</p>
              <Code>
                {JSON.stringify(
                  {
                    type: "/developers#problem-action-refused",
                    title: locale === "en" ? "This cannot be processed as it is." : "无法按当前内容处理。",
                    status: 422,
                    detail: locale === "en" ? "This action is not possible yet." : "此操作暂时无法执行。",
                    errors: [
                      {
                        kind: "missingField",
                        field: "industry",
                        message: locale === "en" ? "Fill in “Industry”" : "请填写「行业」",
                      },
                    ],
                  },
                  null,
                  2,
                )}
              </Code>
              <div className="overflow-x-auto rounded-md border">
                <Table>
                  <TableHeader>
                    <TableRow>
                      <TableHead className="w-20">{t("status")}</TableHead>
                      <TableHead>type</TableHead>
                      <TableHead>{t("meaning")}</TableHead>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {PROBLEMS.map(([slug, status]) => (
                      <TableRow key={slug} id={`problem-${slug}`} className="scroll-mt-4 target:bg-primary/5">
                        <TableCell className="font-mono">{status}</TableCell>
                        <TableCell className="font-mono text-xs">{slug}</TableCell>
                        <TableCell>{t(`problems.${slug}`)}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </div>
            </CardContent>
          </Card>

          <div className="grid gap-6 xl:grid-cols-2">
            <Card id="idempotency">
              <CardHeader>
                <CardTitle>{t("idempotency.title")}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm">{t("idempotency.body")}</CardContent>
            </Card>
            <Card id="rate-limits">
              <CardHeader>
                <CardTitle>{t("rateLimits.title")}</CardTitle>
              </CardHeader>
              <CardContent className="text-sm">
                {t("rateLimits.body", { limit: RATE_LIMIT, seconds: RATE_WINDOW_SECONDS })}
              </CardContent>
            </Card>
          </div>

          <WebhooksReference />

          <h2 className="mt-2 text-lg font-semibold">{t("endpoints")}</h2>
          {OPERATIONS.map((op) => {
            const o = doc.paths[op.path]![op.method]!;
            const params = o.parameters ?? [];
            const body = o.requestBody?.content["application/json"]?.schema;
            return (
              <Card key={op.id} id={op.id} className="scroll-mt-4">
                <CardHeader>
                  <div className="flex flex-wrap items-center gap-3">
                    <MethodTag method={op.method} />
                    <code className="font-mono text-sm font-medium">/api/v1{op.path}</code>
                    <Badge variant={op.scope === "write" ? "warning" : "secondary"}>
                      {t(`scope.${op.scope}`)}
                    </Badge>
                  </div>
                  <CardTitle className="mt-2">{op.summary[locale]}</CardTitle>
                  <p className="text-sm text-muted-foreground">{op.description[locale]}</p>
                </CardHeader>
                <CardContent className="grid gap-4 text-sm">
                  {params.length > 0 ? (
                    <div>
                      <h4 className="mb-2 font-medium">{t("parameters")}</h4>
                      <div className="overflow-x-auto rounded-md border">
                        <Table>
                          <TableHeader>
                            <TableRow>
                              <TableHead>{t("name")}</TableHead>
                              <TableHead>{t("in")}</TableHead>
                              <TableHead>{t("type")}</TableHead>
                              <TableHead>{t("description")}</TableHead>
                            </TableRow>
                          </TableHeader>
                          <TableBody>
                            {params.map((p) => (
                              <TableRow key={`${p.in}-${p.name}`}>
                                <TableCell className="font-mono text-xs">
                                  {p.name}
                                  {p.required ? (
                                    <span className="ml-1 text-destructive" title={t("required")}>
                                      *
                                    </span>
                                  ) : null}
                                </TableCell>
                                <TableCell className="whitespace-nowrap text-muted-foreground">
                                  {t(`location.${p.in}`)}
                                </TableCell>
                                <TableCell className="whitespace-nowrap font-mono text-xs">
                                  {typeLabel(p.schema)}
                                </TableCell>
                                <TableCell className="text-muted-foreground">
                                  {describe(p.schema, locale) || describe(p, locale)}
                                </TableCell>
                              </TableRow>
                            ))}
                          </TableBody>
                        </Table>
                      </div>
                    </div>
                  ) : null}
                  {body ? (
                    <p>
                      <span className="font-medium">{t("requestBody")}</span>{" "}
                      <a
                        className="font-mono text-xs text-primary hover:underline"
                        href={`#schema-${typeLabel(body)}`}
                      >
                        {typeLabel(body)}
                      </a>
                    </p>
                  ) : null}
                  <div>
                    <h4 className="mb-2 font-medium">{t("responses")}</h4>
                    <ul className="grid gap-1">
                      {Object.entries(o.responses).map(([status, r]) => {
                        const schema = Object.values(r.content ?? {})[0]?.schema;
                        return (
                          <li key={status} className="flex flex-wrap items-baseline gap-2">
                            <span
                              className={`font-mono text-xs font-semibold ${status.startsWith("2") ? "text-emerald-700 dark:text-emerald-300" : "text-muted-foreground"}`}
                            >
                              {status}
                            </span>
                            {schema?.$ref ? (
                              <a
                                className="font-mono text-xs text-primary hover:underline"
                                href={`#schema-${refName(schema.$ref)}`}
                              >
                                {refName(schema.$ref)}
                              </a>
                            ) : null}
                            <span className="text-muted-foreground">
                              {status.startsWith("2") ? op.summary[locale] : t(`statusText.${status}`)}
                            </span>
                          </li>
                        );
                      })}
                    </ul>
                  </div>
                  <div>
                    <h4 className="mb-2 font-medium">{t("example")}</h4>
                    <Code>{curlOf(op, base)}</Code>
                  </div>
                </CardContent>
              </Card>
            );
          })}

          <h2 id="schemas" className="mt-2 text-lg font-semibold">
            {t("schemas")}
          </h2>
          <div className="grid gap-4 xl:grid-cols-2">
            {schemaNames.map((name) => {
              const s = doc.components.schemas[name]!;
              const props = Object.entries(s.properties ?? {});
              return (
                <Card key={name} id={`schema-${name}`} className="scroll-mt-4">
                  <CardHeader>
                    <CardTitle className="font-mono text-base">{name}</CardTitle>
                    {describe(s, locale) ? (
                      <p className="text-sm text-muted-foreground">{describe(s, locale)}</p>
                    ) : null}
                  </CardHeader>
                  <CardContent>
                    {props.length ? (
                      <dl className="grid gap-2 text-sm">
                        {props.map(([key, p]) => (
                          <div
                            key={key}
                            className="grid grid-cols-[minmax(7rem,auto)_1fr] gap-x-3 border-b pb-2 last:border-0"
                          >
                            <dt className="font-mono text-xs">
                              {key}
                              {s.required?.includes(key) ? null : (
                                <span className="text-muted-foreground">?</span>
                              )}
                            </dt>
                            <dd>
                              <span className="font-mono text-xs text-primary">{typeLabel(p)}</span>
                              {describe(p, locale) ? (
                                <span className="block text-xs text-muted-foreground">
                                  {describe(p, locale)}
                                </span>
                              ) : null}
                            </dd>
                          </div>
                        ))}
                      </dl>
                    ) : (
                      <p className="font-mono text-xs text-primary">{typeLabel(s)}</p>
                    )}
                  </CardContent>
                </Card>
              );
            })}
          </div>
        </div>
      </div>
    </>
  );
}
