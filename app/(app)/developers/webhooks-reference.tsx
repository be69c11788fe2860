import { getTranslations } from "next-intl/server";
import { WEBHOOK_EVENT_TYPES, WEBHOOK_MAX_ATTEMPTS } from "@/lib/webhooks/events";
import { Card, CardContent, CardHeader, CardTitle } from "@/lib/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/lib/ui/table";

const HEADERS = [
  ["Content-Type", "application/json; charset=utf-8", "contentType"],
  ["Pipewright-Event", "deal.stage_changed", "event"],
  ["Pipewright-Delivery", "5d0c…-…", "delivery"],
  ["Pipewright-Attempt", "1", "attempt"],
  ["Pipewright-Signature", "t=1764201600,v1=6f1c…", "signature"],
] as const;

const EXAMPLE = `{
  "id": "0b7f6f3e-2a8c-4a39-9a51-3f0e6f1e2b77",
  "type": "deal.stage_changed",
  "createdAt": "2026-11-27T03:05:20.512Z",
  "companyId": "a1c0…",
  "data": {
    "deal": { "id": "…", "stage": "contact", "stageName": { "zh": "初步接触", "en": "Initial contact" },
              "outcome": "open", "title": "…", "values": { … }, "owner": { … }, "version": 2, … },
    "actor": { "type": "user", "id": "…", "name": "王磊" },
    "action": "startContact",
    "from": { "key": "lead", "name": { "zh": "线索", "en": "Lead" } },
    "to": { "key": "contact", "name": { "zh": "初步接触", "en": "Initial contact" } }
  }
}`;

const VERIFY = `import { createHmac, timingSafeEqual } from "node:crypto";

// rawBody: the request body exactly as received (a string or Buffer, before JSON.parse).
export function verifyPipewright(secret, header, rawBody, toleranceSeconds = 300) {
  const parts = header.split(",").map((p) => p.split("="));
  const t = Number(parts.find(([k]) => k === "t")?.[1]);
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > toleranceSeconds) return false;
  const expected = createHmac("sha256", secret).update(\`\${t}.\${rawBody}\`).digest();
  return parts
    .filter(([k]) => k === "v1")
    .some(([, v]) => {
      const given = Buffer.from(v, "hex");
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}`;

/** The webhooks section of the API reference (/developers#webhooks). */
export async function WebhooksReference() {
  const t = await getTranslations("webhooks.reference");
  const te = await getTranslations("webhooks.events");
  return (
    <Card id="webhooks" className="scroll-mt-4">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4 text-sm">
        <p>{t("intro")}</p>
        <div className="overflow-x-auto rounded-md border">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("eventType")}</TableHead>
                <TableHead>{t("when")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {WEBHOOK_EVENT_TYPES.map((type) => (
                <TableRow key={type}>
                  <TableCell className="font-mono text-xs whitespace-nowrap">{type}</TableCell>
                  <TableCell>
                    <span className="font-medium">{te(type.replace(".", "_") as "deal_won")}</span>
                    <span className="text-muted-foreground">
                      {" "}
                      · {t(`eventHints.${type.replace(".", "_")}` as "eventHints.deal_won")}
                    </span>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        <h3 className="font-semibold">{t("headersTitle")}</h3>
        <div className="overflow-x-auto rounded-md border">
          <Table>
            <TableBody>
              {HEADERS.map(([name, example, key]) => (
                <TableRow key={name}>
                  <TableCell className="font-mono text-xs whitespace-nowrap">{name}</TableCell>
                  <TableCell className="font-mono text-xs whitespace-nowrap text-muted-foreground">
                    {example}
                  </TableCell>
                  <TableCell>{t(`headers.${key}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        <h3 className="font-semibold">{t("payloadTitle")}</h3>
        <p>{t("payload")}</p>
        <pre className="overflow-x-auto rounded-md border bg-muted/60 p-3 font-mono text-xs leading-relaxed">
          <code>{EXAMPLE}</code>
        </pre>
        <h3 className="font-semibold">{t("verifyTitle")}</h3>
        <p>{t("verify")}</p>
        <pre className="overflow-x-auto rounded-md border bg-muted/60 p-3 font-mono text-xs leading-relaxed">
          <code>{VERIFY}</code>
        </pre>
        <h3 className="font-semibold">{t("retriesTitle")}</h3>
        <p>{t("retries", { attempts: WEBHOOK_MAX_ATTEMPTS })}</p>
        <p>{t("disable")}</p>
      </CardContent>
    </Card>
  );
}
