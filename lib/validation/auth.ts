import { z } from "zod";
import { LOCALES } from "@/lib/i18n/config";

/**
 * Input schemas shared by forms (browser) and procedures (server). Error messages are
 * catalogue keys under "validation.", translated where they are shown.
 */
export const Email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "email" }).max(254, { error: "tooLong" }));
export const Password = z.string().min(8, { error: "passwordTooShort" }).max(200, { error: "tooLong" });
export const PersonName = z.string().trim().min(1, { error: "required" }).max(100, { error: "tooLong" });
export const CompanyName = z.string().trim().min(2, { error: "tooShort" }).max(100, { error: "tooLong" });
export const LocaleInput = z.enum(LOCALES);

export const SignUpInput = z.object({
  companyName: CompanyName,
  name: PersonName,
  email: Email,
  password: Password,
  locale: LocaleInput,
});
export type SignUpInput = z.infer<typeof SignUpInput>;

/** Name and password are needed only by someone who has no Pipewright account yet. */
export const AcceptInviteInput = z.object({
  token: z.string().min(16).max(200),
  name: PersonName.optional(),
  password: Password.optional(),
});

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, { error: "required" }).max(200),
  newPassword: Password,
});
