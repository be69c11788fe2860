"use client";

import { Loader2Icon } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ComponentProps, ReactNode } from "react";
import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import { Button } from "@/lib/ui/button";
import { Field } from "@/lib/ui/field";
import { Input } from "@/lib/ui/input";

/**
 * A labelled input bound to a react-hook-form field, showing its validation error (a
 * catalogue key under "validation.") in the user's language. The id is the field name.
 */
export function FormInput<T extends FieldValues>({
  form,
  name,
  label,
  hint,
  ...input
}: {
  form: UseFormReturn<T>;
  name: Path<T>;
  label: ReactNode;
  hint?: ReactNode;
} & Omit<ComponentProps<"input">, "name" | "id" | "form">) {
  const tv = useTranslations("validation");
  const message = form.formState.errors[name]?.message;
  return (
    <Field
      id={name}
      label={label}
      error={typeof message === "string" ? tv(message as never) : undefined}
      hint={hint}
    >
      <Input id={name} aria-invalid={!!message} {...input} {...form.register(name)} />
    </Field>
  );
}

/** A form's submit button, with a spinner while it submits. */
export function SubmitButton({
  pending,
  children,
  className,
}: {
  pending: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <Button type="submit" disabled={pending} className={className}>
      {pending ? <Loader2Icon className="animate-spin" /> : null}
      {children}
    </Button>
  );
}
