// The top bar: views, presence switch, the agent's levels, skills and load, the phone, the connection,
// language, help and sign-out; and the unread count in the window title.
import { commands } from "../commands";
import { clear, h } from "../dom";
import { t, type Key } from "../i18n";
import { setPresence } from "../model/presence";
import { isSupervisor, notify, state, update, type View } from "../store";
import { langSelect } from "../ui";
import type { PresenceStatus } from "../../../Hub.Widget/src/protocol";

export function updateTitle(): void {
  let unread = 0;
  for (const chat of state.chats.values()) unread += chat.unread;
  const badge = unread + state.offers.size;
  document.title = (badge > 0 ? `(${badge}) ` : "") + t("appName");
}

function presenceSwitch(): HTMLElement {
  const current = state.presence?.status ?? "Offline";
  const group = h("div", { class: "presence", role: "radiogroup", "aria-label": "Presence", "data-testid": "presence", "data-status": current });
  for (const status of ["Available", "Busy", "Away"] as PresenceStatus[]) {
    group.appendChild(
      h(
        "button",
        { type: "button", role: "radio", "aria-checked": String(current === status), class: `presence-btn st-${status}${current === status ? " on" : ""}`, "data-testid": `presence-${status}`, onclick: () => void setPresence(status) },
        h("span", { class: `dot st-${status}` }),
        t(status),
      ),
    );
  }
  if (current === "Offline") group.appendChild(h("span", { class: "presence-offline", "data-testid": "presence-offline", text: t("Offline") }));
  return group;
}

/** The phone's state (only when voice is on). */
function phoneIndicator(): HTMLElement | null {
  const voice = state.voice;
  if (!voice.enabled) return null;
  const key: Key = voice.phoneState === "registered" ? "phoneReady" : voice.phoneState === "registering" ? "phoneConnecting" : voice.phoneState === "error" ? "phoneError" : "phoneOffline";
  return h(
    "span",
    { class: `phone phone-${voice.phoneState}`, id: "phone", "data-testid": "phone", "data-state": voice.phoneState, title: voice.phoneError ? `${t(key)}: ${voice.phoneError}` : t(key) },
    h("span", { "aria-hidden": "true", text: "📞" }),
    h("span", { class: "phone-label", text: t(key) }),
  );
}

/** Only the phone's part of the bar, which changes on its own. */
export function renderPhone(): void {
  const el = document.getElementById("phone");
  const next = phoneIndicator();
  if (el && next) el.replaceWith(next);
  else if (!el && next) document.getElementById("topbar")?.querySelector(".conn")?.before(next);
}

export function renderTopbar(): void {
  const bar = document.getElementById("topbar");
  if (!bar || !state.session) return;
  clear(bar);
  const agent = state.session.agent;
  const p = state.presence;
  const levels = (p?.levels.length ? p.levels : agent.levels).map((l) => h("span", { class: "chip chip-level", text: t("levelShort", l) }));
  const skills = (p?.skills.length ? p.skills : agent.skills).map((s) => h("span", { class: "chip", text: s }));
  const views = isSupervisor()
    ? h(
        "nav",
        { class: "views" },
        ...(["chats", "supervisor"] as View[]).map((v) =>
          h("button", { type: "button", class: `view-btn${state.view === v ? " on" : ""}`, "data-testid": `view-${v}`, onclick: () => update((s) => (s.view = v), "view"), text: t(v) }),
        ),
      )
    : null;
  const voiceOn = state.voice.enabled;
  bar.append(
    h("div", { class: "brand" }, h("span", { class: "logo", text: "H" }), h("span", { class: "brand-name", text: t("appName") })),
    views ?? h("span"),
    presenceSwitch(),
    h(
      "div",
      { class: "me", "data-testid": "me" },
      h("div", { class: "me-name", title: agent.email, text: agent.displayName }),
      h(
        "div",
        { class: "me-tags", title: `${t("levels")}: ${(p?.levels.length ? p.levels : agent.levels).join(", ")} · ${t("skills")}: ${(p?.skills.length ? p.skills : agent.skills).join(", ")}` },
        ...levels,
        ...skills,
        p ? h("span", { class: "me-load", "data-testid": "me-load", text: `${t("load")} ${p.chatLoad}/${p.chatCapacity}` + (voiceOn ? ` · ${t("calls")} ${p.voiceLoad}/${p.voiceCapacity}` : "") }) : null,
      ),
    ),
    ...(voiceOn ? [phoneIndicator()!] : []),
    h("span", { class: `conn conn-${state.connState}`, title: t(state.connState), "data-testid": "conn", "data-state": state.connState }),
    langSelect(() => notify("language")),
    h("button", { type: "button", class: "btn btn-icon", title: `${t("help")} (F1)`, "aria-label": t("help"), "data-testid": "help-btn", onclick: () => commands.showHelp(), text: "?" }),
    ...(agent.roles.includes("Admin") ? [h("button", { type: "button", class: "btn", "data-testid": "team-btn", onclick: () => commands.openTeam(), text: t("team") })] : []),
    h("button", { type: "button", class: "btn btn-icon", title: t("changePassword"), "aria-label": t("changePassword"), "data-testid": "change-password", onclick: () => commands.changePassword(), text: "🔑" }),
    h("button", { type: "button", class: "btn", "data-testid": "logout", onclick: () => commands.signOut(), text: t("logout") }),
  );
}
