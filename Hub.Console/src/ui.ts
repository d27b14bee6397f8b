// Shared bits of UI: toasts, the modal dialog, the offer sound and desktop notifications.
import { clear, h } from "./dom";
import { lang, setLang, t, type Lang } from "./i18n";

/** The language switch (sign-in card and top bar); changed tells the console to draw itself again. */
export function langSelect(changed: () => void): HTMLSelectElement {
  const select = h("select", { class: "lang", "aria-label": t("language"), "data-testid": "lang" }, h("option", { value: "en", text: "English" }), h("option", { value: "de", text: "Deutsch" }));
  select.value = lang();
  select.addEventListener("change", () => {
    setLang(select.value as Lang);
    changed();
  });
  return select;
}

export function toast(text: string, kind: "info" | "error" = "info"): void {
  const host = document.getElementById("toasts");
  if (!host) return;
  const el = h("div", { class: `toast toast-${kind}`, role: kind === "error" ? "alert" : "status", text });
  host.appendChild(el);
  window.setTimeout(() => el.remove(), kind === "error" ? 6000 : 3500);
}

export interface Field {
  name: string;
  label: string;
  kind: "text" | "password" | "textarea" | "select";
  options?: { value: string; label: string }[];
  value?: string;
  maxLength?: number;
  required?: string;
  hint?: string;
}

let openDialog: HTMLElement | null = null;

export function closeDialog(): boolean {
  if (!openDialog) return false;
  openDialog.remove();
  openDialog = null;
  return true;
}

export function dialogOpen(): boolean {
  return openDialog !== null;
}

/** A modal form; onSubmit's error (if any) is shown inside, success closes it. */
export function showDialog(title: string, testId: string, fields: Field[], submitLabel: string, onSubmit: (values: Record<string, string>) => Promise<void>): void {
  closeDialog();
  const error = h("div", { class: "dialog-error", role: "alert" });
  const inputs = new Map<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>();
  const rows = fields.map((f) => {
    const id = `dlg-${f.name}`;
    let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
    if (f.kind === "textarea") {
      input = h("textarea", { id, name: f.name, rows: 4, maxlength: f.maxLength ?? 4000 });
      input.value = f.value ?? "";
    } else if (f.kind === "select") {
      input = h("select", { id, name: f.name }, ...(f.options ?? []).map((o) => h("option", { value: o.value, text: o.label })));
      if (f.value !== undefined) input.value = f.value;
    } else {
      input = h("input", { id, name: f.name, type: f.kind === "password" ? "password" : "text", maxlength: f.maxLength ?? 200, autocomplete: "off" });
      input.value = f.value ?? "";
    }
    inputs.set(f.name, input);
    return h("label", { class: "field", for: id }, h("span", { class: "field-label", text: f.label }), input, f.hint ? h("span", { class: "field-hint", text: f.hint }) : null);
  });
  const submit = h("button", { class: "btn btn-primary", type: "submit", "data-testid": `${testId}-submit`, text: submitLabel });
  const form = h(
    "form",
    { class: "dialog", "data-testid": testId, role: "dialog", "aria-modal": "true", "aria-label": title },
    h("h2", { text: title }),
    ...rows,
    error,
    h("div", { class: "dialog-actions" }, h("button", { class: "btn", type: "button", onclick: () => closeDialog(), text: t("cancel") }), submit),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    clear(error);
    const values: Record<string, string> = {};
    for (const f of fields) {
      const v = inputs.get(f.name)!.value.trim();
      if (f.required && !v) {
        error.textContent = f.required;
        inputs.get(f.name)!.focus();
        return;
      }
      values[f.name] = v;
    }
    submit.disabled = true;
    try {
      await onSubmit(values);
      closeDialog();
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
      submit.disabled = false;
    }
  });
  const backdrop = h("div", { class: "backdrop" }, form);
  backdrop.addEventListener("mousedown", (e) => {
    if (e.target === backdrop) closeDialog();
  });
  document.body.appendChild(backdrop);
  openDialog = backdrop;
  (inputs.values().next().value as HTMLElement | undefined)?.focus();
}

/** A read-only overlay (help). */
export function showOverlay(title: string, testId: string, body: Node): void {
  closeDialog();
  const panel = h(
    "div",
    { class: "dialog dialog-wide", "data-testid": testId, role: "dialog", "aria-modal": "true", "aria-label": title },
    h("h2", { text: title }),
    body,
    h("div", { class: "dialog-actions" }, h("button", { class: "btn btn-primary", type: "button", onclick: () => closeDialog(), text: t("close") })),
  );
  const backdrop = h("div", { class: "backdrop" }, panel);
  backdrop.addEventListener("mousedown", (e) => {
    if (e.target === backdrop) closeDialog();
  });
  document.body.appendChild(backdrop);
  openDialog = backdrop;
  panel.querySelector<HTMLButtonElement>("button")?.focus();
}

let audio: AudioContext | null = null;

/** Call from a user gesture (sign-in) so that later beeps are allowed to play. */
export function unlockAudio(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
  } catch {
    audio = null;
  }
  if ("Notification" in window && Notification.permission === "default") {
    void Notification.requestPermission().catch(() => undefined);
  }
}

export function beep(): void {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, freq] of [880, 1175].entries()) {
      const osc = audio.createOscillator();
      const gain = audio.createGain();
      osc.type = "sine";
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, now + i * 0.16);
      gain.gain.exponentialRampToValueAtTime(0.18, now + i * 0.16 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.16 + 0.14);
      osc.connect(gain).connect(audio.destination);
      osc.start(now + i * 0.16);
      osc.stop(now + i * 0.16 + 0.15);
    }
  } catch {
    // No audio device: the card and the notification still tell.
  }
}

export function notify(title: string, body: string, tag: string): void {
  if (!("Notification" in window) || Notification.permission !== "granted") return;
  try {
    const n = new Notification(title, { body, tag });
    n.onclick = () => {
      window.focus();
      n.close();
    };
  } catch {
    // Some browsers only allow notifications from a service worker.
  }
}
