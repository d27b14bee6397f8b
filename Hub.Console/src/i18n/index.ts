// English and German. The language comes from localStorage, else from the browser.
import { de } from "./de";
import { en, type Key } from "./en";

export type { Key };

export type Lang = "en" | "de";
const dictionaries: Record<Lang, Record<Key, string>> = { en, de };
const storageKey = "hub.console.lang";

function initial(): Lang {
  const saved = localStorage.getItem(storageKey);
  if (saved === "en" || saved === "de") return saved;
  return navigator.language.toLowerCase().startsWith("de") ? "de" : "en";
}

let current: Lang = initial();

export function lang(): Lang {
  return current;
}

export function setLang(value: Lang): void {
  current = value;
  localStorage.setItem(storageKey, value);
  document.documentElement.lang = value;
}

export function t(key: Key, ...args: (string | number)[]): string {
  const text = dictionaries[current][key] ?? en[key];
  return text.replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)] ?? ""));
}

/** A server status name (ticket or conversation) in the current language. */
export function statusText(status: string): string {
  const key = `st_${status}` as Key;
  return key in en ? t(key) : status;
}

export function formatTime(iso: string): string {
  return new Date(iso).toLocaleTimeString(current === "de" ? "de-DE" : "en-GB", { hour: "2-digit", minute: "2-digit" });
}

export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(current === "de" ? "de-DE" : "en-GB", { dateStyle: "short", timeStyle: "short" });
}

document.documentElement.lang = current;
