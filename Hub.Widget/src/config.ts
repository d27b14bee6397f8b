import { de, en, type Texts } from "./i18n";

export type Field = "name" | "email" | "topic";

export interface WidgetConfig {
  /** Origin (and optional path) of the Hub server, without a trailing slash. */
  hub: string;
  lang: "de" | "en";
  color: string;
  position: "right" | "left";
  required: Set<Field>;
  /** Topic choices (value and label); empty means a free text field. */
  topics: { value: string; label: string }[];
  texts: Texts;
}

const colorPattern = /^(#[0-9a-f]{3,8}|rgba?\([\d\s.,%]+\)|hsla?\([\d\s.,%deg]+\)|[a-z]{3,20})$/i;

function pickLang(attr: string | undefined): "de" | "en" {
  const candidates = [attr, document.documentElement.lang, navigator.language];
  for (const c of candidates) {
    const tag = (c ?? "").trim().toLowerCase();
    if (tag.startsWith("de")) return "de";
    if (tag.startsWith("en")) return "en";
  }
  return "en";
}

/** The script element that loaded the widget: document.currentScript while it runs, else a search by file name. */
export function findScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  const all = document.querySelectorAll<HTMLScriptElement>("script[src]");
  for (const s of Array.from(all)) {
    if (/\/widget(\.min)?\.js(\?|#|$)/.test(s.src)) return s;
  }
  return null;
}

export function readConfig(script: HTMLScriptElement | null): WidgetConfig {
  const data = script?.dataset ?? {};
  const scriptOrigin = script?.src ? new URL(script.src, location.href).origin : location.origin;
  const hub = (data.hub?.trim() || scriptOrigin).replace(/\/+$/, "");
  const lang = pickLang(data.lang);
  const color = data.color && colorPattern.test(data.color.trim()) ? data.color.trim() : "#2f6fed";
  const position = data.position === "left" ? "left" : "right";
  const required = new Set<Field>();
  for (const part of (data.required ?? "").split(",")) {
    const field = part.trim().toLowerCase();
    if (field === "name" || field === "email" || field === "topic") required.add(field);
  }
  const topics = (data.topics ?? "")
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item.length > 0)
    .map((item) => {
      const sep = item.indexOf(":");
      return sep > 0 ? { value: item.slice(0, sep).trim(), label: item.slice(sep + 1).trim() } : { value: item, label: item };
    });
  const texts: Texts = { ...(lang === "de" ? de : en) };
  for (const key of Object.keys(texts) as (keyof Texts)[]) {
    const attr = "text" + key.charAt(0).toUpperCase() + key.slice(1);
    const value = (data as Record<string, string | undefined>)[attr];
    if (value) texts[key] = value;
  }
  return { hub, lang, color, position, required, topics, texts };
}
