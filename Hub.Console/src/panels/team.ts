// The Team panel (admins): the accounts, a form to create or edit one, disable/enable, and password
// reset. One-time links (creation without a password, reset) are shown once, to copy and pass on.
import * as api from "../api";
import { h } from "../dom";
import { t } from "../i18n";
import { state } from "../store";
import { showOverlay, toast } from "../ui";
import type { AgentAccountDto, AgentRole, PasswordLink } from "../../../Hub.Widget/src/protocol";

const allRoles: AgentRole[] = ["Agent", "Supervisor", "Admin"];
const numbers = (text: string) => text.split(/[\s,]+/).filter(Boolean).map(Number);
const words = (text: string) => text.split(/[\s,]+/).filter(Boolean);

function token(): string {
  return state.session!.token;
}

export function showTeam(): void {
  const list = h("tbody", { "data-testid": "team-rows" });
  const linkBox = h("div", { class: "team-link", hidden: true });
  const error = h("div", { class: "dialog-error", role: "alert", "data-testid": "team-error" });
  const input = (name: string, type = "text", value = "") => h("input", { name, type, value, "data-testid": `team-${name}`, autocomplete: "off" });
  const email = input("email", "email");
  const name = input("displayName");
  const password = input("password", "password");
  const levels = input("levels", "text", "1");
  const skills = input("skills");
  const chat = input("chatCapacity", "number", "3");
  const voice = input("voiceCapacity", "number", "1");
  const roleBoxes = allRoles.map((r) => h("input", { type: "checkbox", value: r, checked: r === "Agent", "data-testid": `team-role-${r}` }));
  const submit = h("button", { class: "btn btn-primary", type: "submit", "data-testid": "team-submit", text: t("createAgent") });
  let editing: string | null = null;

  const showLink = (link: PasswordLink) => {
    const url = new URL(link.path, location.origin).href;
    linkBox.replaceChildren(h("p", { text: t("oneTimeLink") }), h("input", { readonly: true, value: url, "data-testid": "team-link", onclick: (e: Event) => (e.target as HTMLInputElement).select() }));
    linkBox.hidden = false;
  };

  const refresh = async () => {
    const agents = await api.listAgents(token());
    list.replaceChildren(...agents.map(row));
  };

  const act = (call: () => Promise<unknown>) => async () => {
    error.textContent = "";
    try {
      await call();
      await refresh();
    } catch (err) {
      error.textContent = err instanceof Error ? err.message : String(err);
    }
  };

  const edit = (a: AgentAccountDto) => {
    editing = a.id;
    email.value = a.email;
    email.disabled = true;
    name.value = a.displayName;
    password.disabled = true;
    levels.value = a.levels.join(", ");
    skills.value = a.skills.join(", ");
    chat.value = String(a.chatCapacity);
    voice.value = String(a.voiceCapacity);
    roleBoxes.forEach((b) => (b.checked = a.roles.includes(b.value as AgentRole)));
    submit.textContent = t("saveAgent");
  };

  const row = (a: AgentAccountDto) =>
    h(
      "tr",
      { "data-testid": "team-row", "data-email": a.email, "data-disabled": String(a.disabled) },
      h("td", { text: a.displayName }),
      h("td", { text: a.email }),
      h("td", { text: a.roles.join(", ") }),
      h("td", { text: a.levels.join(", ") }),
      h("td", { text: a.skills.join(", ") }),
      h("td", { text: `${a.chatCapacity} / ${a.voiceCapacity}` }),
      h("td", { text: a.disabled ? t("disabled") : a.invitationExpiresAt ? t("invited") : "" }),
      h(
        "td",
        {},
        h("button", { type: "button", class: "btn", "data-testid": "team-edit", onclick: () => edit(a), text: t("editAgent") }),
        h("button", { type: "button", class: "btn", "data-testid": a.disabled ? "team-enable" : "team-disable", onclick: act(() => api.setAgentEnabled(token(), a.id, a.disabled)), text: a.disabled ? t("enableAgent") : t("disableAgent") }),
        h("button", { type: "button", class: "btn", "data-testid": "team-reset", onclick: act(async () => showLink(await api.resetPassword(token(), a.id))), text: t("resetPassword") }),
      ),
    );

  const form = h(
    "form",
    { class: "team-form", "data-testid": "team-form" },
    h("label", { class: "field" }, h("span", { class: "field-label", text: t("email") }), email),
    h("label", { class: "field" }, h("span", { class: "field-label", text: t("displayName") }), name),
    h("label", { class: "field" }, h("span", { class: "field-label", text: t("password") }), password),
    h("fieldset", { class: "field" }, h("legend", { text: t("roles") }), ...roleBoxes.map((b) => h("label", {}, b, h("span", { text: b.value })))),
    h("label", { class: "field" }, h("span", { class: "field-label", text: t("levels") }), levels),
    h("label", { class: "field" }, h("span", { class: "field-label", text: t("skills") }), skills),
    h("label", { class: "field" }, h("span", { class: "field-label", text: t("chatCapacity") }), chat),
    h("label", { class: "field" }, h("span", { class: "field-label", text: t("voiceCapacity") }), voice),
    submit,
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const profile = {
      displayName: name.value.trim(),
      roles: roleBoxes.filter((b) => b.checked).map((b) => b.value as AgentRole),
      levels: numbers(levels.value),
      skills: words(skills.value),
      chatCapacity: Number(chat.value),
      voiceCapacity: Number(voice.value),
    };
    void act(async () => {
      if (editing) {
        await api.updateAgent(token(), editing, profile);
        toast(t("saveAgent"));
      } else {
        const created = await api.createAgent(token(), { ...profile, email: email.value.trim(), password: password.value || null });
        if (created.link) showLink(created.link);
      }
      form.reset();
      editing = null;
      email.disabled = password.disabled = false;
      submit.textContent = t("createAgent");
    })();
  });

  const table = h("table", { class: "team-table" }, list);
  showOverlay(t("teamTitle"), "team-panel", h("div", { class: "team" }, table, linkBox, error, form));
  document.querySelector("[data-testid=team-panel]")?.classList.add("dialog-team");
  void refresh().catch((err: unknown) => (error.textContent = err instanceof Error ? err.message : String(err)));
}
