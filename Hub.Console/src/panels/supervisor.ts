// The supervisor view: live queues per level, the team's presence and load, and long waits.
import { clear, formatDuration, h } from "../dom";
import { hub } from "../hub";
import { t } from "../i18n";
import { lastTeamRefresh, refreshTeam } from "../model/presence";
import { isSupervisor, state } from "../store";
import { toast } from "../ui";
import { hubErrorText, type QueueItemDto } from "../../../Hub.Widget/src/protocol";

let lastOver = -1;
/** The agent picked per waiting conversation, kept across re-renders. */
const choices = new Map<string, string>();

function waitTargetMs(): number {
  const configured = Number(localStorage.getItem("hub.console.waitTargetSeconds"));
  return (Number.isFinite(configured) && configured > 0 ? configured : 120) * 1000;
}

export function tickSupervisor(): void {
  if (state.view !== "supervisor") return;
  if (Date.now() - lastTeamRefresh() > 5000) void refreshTeam();
  const now = Date.now();
  const target = waitTargetMs();
  const over = [...state.queue.values()].filter((q) => now - new Date(q.waitingSince).getTime() > target).length;
  if (over !== lastOver) return renderSupervisor();
  for (const el of document.querySelectorAll<HTMLElement>("#supervisor [data-wait-since]")) {
    const waited = now - new Date(el.dataset.waitSince!).getTime();
    el.textContent = formatDuration(waited);
    el.classList.toggle("warn", waited > target);
  }
}

async function reassign(item: QueueItemDto, agentId: string): Promise<void> {
  if (!agentId) return;
  try {
    await hub.reassign({ conversationId: item.conversationId, agentId });
    choices.delete(item.conversationId);
    toast(t("reassigned"));
  } catch (err) {
    toast(hubErrorText(err), "error");
  }
  void refreshTeam();
}

function agentOptions(): HTMLOptionElement[] {
  return [...state.team.values()]
    .filter((a) => a.status !== "Offline")
    .sort((a, b) => a.displayName.localeCompare(b.displayName))
    .map((a) => h("option", { value: a.agentId, disabled: a.chatLoad >= a.chatCapacity, text: `${a.displayName} (${a.chatLoad}/${a.chatCapacity})` }));
}

function waitingRow(item: QueueItemDto, now: number, target: number): HTMLElement {
  const select = h("select", { class: "reassign-select", "aria-label": t("agent"), "data-testid": "reassign-agent" }, h("option", { value: "", text: t("chooseAgent") }), ...agentOptions());
  select.value = choices.get(item.conversationId) ?? "";
  select.addEventListener("change", () => choices.set(item.conversationId, select.value));
  const waited = now - new Date(item.waitingSince).getTime();
  return h(
    "tr",
    { class: waited > target ? "over" : "", "data-testid": "waiting-row", "data-conversation": item.conversationId },
    h("td", { class: "cell-name", text: item.customerName ?? t("unknownCustomer") }),
    h("td", { class: "cell-topic", text: item.topic ?? t("ticket", item.ticketNumber) }),
    h("td", null, h("span", { class: "chip chip-level", text: t("levelShort", item.level) })),
    h("td", { class: "num", "data-wait-since": item.waitingSince, text: formatDuration(waited) }),
    h("td", { class: "cell-action" }, h("div", { class: "reassign" }, select, h("button", { type: "button", class: "btn btn-small", "data-testid": "reassign", onclick: () => void reassign(item, select.value), text: t("reassign") }))),
  );
}

export function renderSupervisor(): void {
  const root = document.getElementById("supervisor");
  if (!root || !isSupervisor() || state.view !== "supervisor") return;
  // Keep an open select (a supervisor choosing an agent) from being rebuilt under the cursor.
  if (root.contains(document.activeElement) && document.activeElement instanceof HTMLSelectElement) return;
  clear(root);
  const now = Date.now();
  const target = waitTargetMs();
  const queue = [...state.queue.values()].sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
  const levels = new Set<number>([1, 2, 3]);
  for (const q of queue) levels.add(q.level);
  const perLevel = [...levels].sort((a, b) => a - b).map((level) => {
    const items = queue.filter((q) => q.level === level);
    const longest = items.length ? now - new Date(items[0].waitingSince).getTime() : 0;
    return h(
      "tr",
      { "data-testid": "queue-level", "data-level": level },
      h("td", null, h("span", { class: "chip chip-level", text: t("level", level) })),
      h("td", { class: "num", "data-testid": "queue-level-count", text: items.length }),
      h("td", { class: `num${longest > target ? " warn" : ""}`, "data-testid": "queue-level-longest", "data-wait-since": items.length ? items[0].waitingSince : null, text: items.length ? formatDuration(longest) : "–" }),
    );
  });
  const team = [...state.team.values()].sort((a, b) => a.status.localeCompare(b.status) || a.displayName.localeCompare(b.displayName));
  const agents = team.map((a) =>
    h(
      "tr",
      { "data-testid": "team-row", "data-agent": a.agentId, "data-status": a.status },
      h("td", { class: "cell-name", text: a.displayName || a.agentId }),
      h("td", null, h("span", { class: `dot st-${a.status}` }), h("span", { class: "status-text", text: t(a.status) })),
      h("td", { class: "cell-levels", text: a.levels.join(", ") || t("noLevels") }),
      h("td", { class: "num" }, h("span", { class: "load" }, h("span", { class: "load-bar", style: `width:${a.chatCapacity ? Math.min(100, (a.chatLoad / a.chatCapacity) * 100) : 0}%` })), h("span", { "data-testid": "team-load", text: `${a.chatLoad}/${a.chatCapacity}` })),
      h("td", { class: "num", "data-testid": "team-calls", text: `${a.voiceLoad}/${a.voiceCapacity}` }),
      h("td", { class: "num", text: a.liveConnections }),
    ),
  );
  const over = queue.filter((q) => now - new Date(q.waitingSince).getTime() > target);
  lastOver = over.length;
  const table = (head: string[], rows: HTMLElement[], testId: string) =>
    h("table", { class: "grid", "data-testid": testId }, h("thead", null, h("tr", null, ...head.map((x) => h("th", { text: x })))), h("tbody", null, ...rows));
  root.append(
    h(
      "div",
      { class: "sup-grid" },
      h("section", { class: "card sup-queues" }, h("h2", null, t("queues"), h("span", { class: "count", "data-testid": "sup-waiting-total", text: queue.length })), table([t("level", "").trim(), t("waitingCount"), t("longestWait")], perLevel, "sup-queues")),
      h("section", { class: "card sup-team" }, h("h2", null, t("agents"), h("span", { class: "count", text: team.length })), table([t("agent"), t("status"), t("levels"), t("load"), t("calls"), t("connections")], agents, "sup-team")),
      h(
        "section",
        { class: "card sup-over" },
        h("h2", null, t("overTarget", formatDuration(target)), h("span", { class: `count${over.length ? " count-warn" : ""}`, "data-testid": "sup-over-count", text: over.length })),
        over.length ? table([t("customer"), t("topic"), t("level", "").trim(), t("waitedFor"), t("reassign")], over.map((q) => waitingRow(q, now, target)), "sup-over") : h("p", { class: "muted", text: t("noneOverTarget") }),
      ),
      h(
        "section",
        { class: "card sup-waiting" },
        h("h2", null, t("allWaiting"), h("span", { class: "count", text: queue.length })),
        queue.length ? table([t("customer"), t("topic"), t("level", "").trim(), t("waitedFor"), t("reassign")], queue.map((q) => waitingRow(q, now, target)), "sup-waiting") : h("p", { class: "muted", text: t("queueEmpty") }),
      ),
    ),
  );
}
