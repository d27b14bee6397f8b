import type { Field, WidgetConfig } from "./config";
import { format } from "./i18n";
import type { View } from "./view";

export const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface PreChat {
  name: string;
  email: string;
  topic: string;
  text: string;
}

/** The pre-chat form's values, or the first problem with them (the fields required by data-required, the e-mail, the message). */
export function readPreChat(view: View, config: WidgetConfig): { values: PreChat } | { error: string; control: HTMLElement } {
  const t = config.texts;
  const values: PreChat = {
    name: view.formName.value.trim(),
    email: view.formEmail.value.trim(),
    topic: view.formTopic.value.trim(),
    text: view.formMessage.value,
  };
  const labels: Record<Field, string> = { name: t.name, email: t.email, topic: t.topic };
  const controls: Record<Field, HTMLElement> = { name: view.formName, email: view.formEmail, topic: view.formTopic };
  for (const control of [...Object.values(controls), view.formMessage]) control.removeAttribute("aria-invalid");
  for (const field of ["name", "email", "topic"] as Field[]) {
    if (config.required.has(field) && !values[field]) return { error: format(t.errorRequired, { field: labels[field] }), control: controls[field] };
  }
  if (values.email && !emailPattern.test(values.email)) return { error: t.errorEmail, control: view.formEmail };
  if (!values.text.trim()) return { error: format(t.errorRequired, { field: t.message }), control: view.formMessage };
  return { values };
}
