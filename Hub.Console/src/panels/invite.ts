// The page a one-time link opens (/console/#invite=<token>): the agent sets a password and is signed in.
import * as api from "../api";
import { clear, h } from "../dom";
import { t } from "../i18n";

/** The token of a one-time link in the address, if the console was opened with one. */
export function inviteToken(): string | null {
  const match = /^#invite=([A-Za-z0-9_-]+)$/.exec(location.hash);
  return match ? match[1]! : null;
}

export function renderInvite(root: HTMLElement, linkToken: string, signedIn: (session: api.Session) => Promise<void>): void {
  clear(root);
  const password = h("input", { id: "invite-password", type: "password", autocomplete: "new-password", required: true, "data-testid": "invite-password" });
  const error = h("div", { class: "login-error", role: "alert", "data-testid": "invite-error" });
  const button = h("button", { class: "btn btn-primary btn-block", type: "submit", "data-testid": "invite-submit", text: t("setPassword") });
  const form = h(
    "form",
    { class: "login-card" },
    h("div", { class: "login-brand" }, h("span", { class: "logo", text: "H" }), h("span", { text: t("appName") })),
    h("h1", { text: t("setPasswordTitle") }),
    h("label", { class: "field", for: "invite-password" }, h("span", { class: "field-label", text: t("newPassword") }), password),
    error,
    button,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (password.value.length < 12) {
      error.textContent = t("passwordTooShort");
      return;
    }
    button.disabled = true;
    try {
      const session = await api.acceptInvitation(linkToken, password.value);
      history.replaceState(null, "", location.pathname);
      api.saveSession(session);
      await signedIn(session);
    } catch (err) {
      error.textContent = err instanceof api.HttpError && err.status === 404 ? t("linkInvalid") : err instanceof Error ? err.message : String(err);
      button.disabled = false;
    }
  });
  root.appendChild(h("div", { class: "login-screen" }, form));
  password.focus();
}
