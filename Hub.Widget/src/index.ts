// Entry point: reads the script tag's data- attributes and exposes window.SupportHub. The widget
// lives in one shadow root; the only global it sets is window.SupportHub.
import { findScript, readConfig } from "./config";
import { Widget, type Identify, type WidgetEvent } from "./widget";

interface SupportHubApi {
  open(): void;
  close(): void;
  on(event: WidgetEvent, handler: (payload?: unknown) => void): () => void;
  identify(who: Identify): void;
  /** Forgets the visitor (session, conversation, local history, connection): call it when the site's user logs out. */
  reset(): void;
  readonly version: string;
}

type QueuedCall = [keyof SupportHubApi, ...unknown[]];

declare global {
  interface Window {
    SupportHub?: SupportHubApi | { q?: QueuedCall[] };
  }
}

const script = findScript();

function boot(): void {
  const existing = window.SupportHub;
  if (existing && "version" in existing) return; // loaded twice: keep the first
  const widget = new Widget(readConfig(script));
  const api: SupportHubApi = Object.freeze({
    open: () => widget.open(),
    close: () => widget.close(),
    on: (event: WidgetEvent, handler: (payload?: unknown) => void) => widget.on(event, handler),
    identify: (who: Identify) => widget.identify(who),
    reset: () => widget.reset(),
    version: "1",
  });
  // Calls made before the script loaded: window.SupportHub = { q: [["identify", {...}], ["open"]] }.
  const queued = existing && "q" in existing && Array.isArray(existing.q) ? existing.q : [];
  window.SupportHub = api;
  for (const [method, ...args] of queued) {
    const fn = api[method] as unknown;
    if (typeof fn === "function") (fn as (...a: unknown[]) => void)(...args);
  }
  window.dispatchEvent(new CustomEvent("supporthub:ready"));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", boot, { once: true });
else boot();
