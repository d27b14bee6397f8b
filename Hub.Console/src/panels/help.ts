// The help overlay: keyboard shortcuts and canned responses.
import { cannedResponses } from "../canned";
import { h } from "../dom";
import { t, type Key } from "../i18n";
import { showOverlay } from "../ui";

const shortcuts: [string, Key][] = [
  ["Enter / Ctrl+Enter", "shortcutSend"],
  ["Alt+A", "shortcutAccept"],
  ["Alt+D", "shortcutDecline"],
  ["Alt+N", "shortcutNote"],
  ["Alt+→ / Alt+←", "shortcutTabs"],
  ["Alt+1 … Alt+9", "shortcutTabN"],
  ["Alt+E", "shortcutEscalate"],
  ["Alt+T", "shortcutTransfer"],
  ["Alt+R", "shortcutResolve"],
  ["Alt+S", "shortcutSupervisor"],
  ["Alt+M", "shortcutMute"],
  ["Alt+H", "shortcutHold"],
  ["/… Tab", "shortcutCanned"],
  ["F1 / ?", "shortcutHelp"],
  ["Esc", "shortcutClose"],
];

export function showHelp(): void {
  const keys = h("table", { class: "grid help-keys" }, h("tbody", null, ...shortcuts.map(([k, label]) => h("tr", null, h("td", null, h("kbd", { text: k })), h("td", { text: t(label) })))));
  const canned = h("table", { class: "grid help-canned" }, h("tbody", null, ...cannedResponses().map((c) => h("tr", null, h("td", null, h("kbd", { text: c.shortcut })), h("td", { text: c.text })))));
  showOverlay(t("shortcutsTitle"), "help", h("div", { class: "help-body" }, keys, h("h3", { text: t("cannedTitle") }), canned));
}
