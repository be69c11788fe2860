"use client";

/*
 * The deal fields designer. Test ids: fields-designer, fields-add, fields-list / fields-row (data-key) /
 * fields-select, fields-detail with fields-name-zh, fields-name-en, fields-key, fields-type, fields-required,
 * fields-options / fields-option / fields-option-add / fields-option-remove, fields-remove(-confirm),
 * fields-retype-check / fields-misfits / fields-retype-apply, fields-preview / fields-preview-which.
 */

import { PlusIcon } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { Button } from "@/lib/ui/button";
import type { FieldDef, PipelineDefinition } from "@/workflows/definition/schema";
import { FieldDetail } from "./field-detail";
import { FieldList } from "./field-list";
import { FormPreview } from "./form-preview";
import { keyProblem, moveItem, uniqueKey } from "./keys";

export type FieldsDesignerProps = {
  definition: PipelineDefinition;
  onChange(fields: FieldDef[]): void;
  pipelineId: string;
  readOnly?: boolean;
};

/** Add, rename, reorder, retype and remove the pipeline's deal fields, with a preview of the rep's forms. */
export function FieldsDesigner({ definition, onChange, pipelineId, readOnly }: FieldsDesignerProps) {
  const t = useTranslations("fieldsDesigner");
  const fields = definition.fields;
  // Keys already saved are fixed (deal values are stored under them); new fields' keys follow the name.
  const [savedKeys] = useState<ReadonlySet<string>>(() => new Set(fields.map((f) => f.key)));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [selected, setSelected] = useState(0);
  const index = Math.min(selected, fields.length - 1);
  const field = fields[index];
  const invalid = useMemo(
    () =>
      new Set(
        fields
          .map((f, i) =>
            keyProblem(
              f.key,
              fields.filter((_, j) => j !== i).map((x) => x.key),
            )
              ? i
              : -1,
          )
          .filter((i) => i >= 0),
      ),
    [fields],
  );
  const add = () => {
    const key = uniqueKey(
      "newField",
      fields.map((f) => f.key),
    );
    onChange([...fields, { key, name: { zh: "", en: "" }, type: "text" }]);
    setSelected(fields.length);
  };
  const move = (from: number, to: number) => {
    onChange(moveItem(fields, from, to));
    if (from === index) setSelected(to);
  };
  return (
    <div className="@container space-y-6" data-testid="fields-designer">
      <div className="grid items-start gap-3 @lg:grid-cols-[12.5rem_minmax(0,1fr)] @3xl:grid-cols-[17rem_minmax(0,1fr)]">
        <div className="space-y-2">
          <div className="flex items-center justify-between">
            <h4 className="text-sm font-semibold">{t("title", { count: fields.length })}</h4>
            {readOnly ? null : (
              <Button type="button" size="sm" variant="outline" onClick={add} data-testid="fields-add">
                <PlusIcon aria-hidden />
                {t("add")}
              </Button>
            )}
          </div>
          <FieldList
            fields={fields}
            selected={index}
            onSelect={setSelected}
            onMove={move}
            invalidKeys={invalid}
            readOnly={readOnly}
          />
        </div>
        <div className="@container sticky top-0 rounded-xl border bg-card p-4 shadow-xs">
          {field ? (
            <FieldDetail
              key={index}
              field={field}
              index={index}
              definition={definition}
              pipelineId={pipelineId}
              isNew={!savedKeys.has(field.key)}
              keyTouched={touched.has(field.key)}
              onKeyTouched={(key) => setTouched((s) => new Set([...s, key]))}
              onChange={(next) => {
                onChange(fields.map((f, j) => (j === index ? next : f)));
              }}
              onRemove={() => {
                onChange(fields.filter((_, j) => j !== index));
                setSelected(Math.max(0, index - 1));
              }}
              readOnly={readOnly}
            />
          ) : (
            <p className="text-sm text-muted-foreground">{t("empty")}</p>
          )}
        </div>
      </div>
      <FormPreview definition={definition} />
    </div>
  );
}
