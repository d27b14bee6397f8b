// The sign-in card.
import * as api from "../api";
import { clear, h } from "../dom";
import { t } from "../i18n";
import { notify } from "../store";
import { langSelect, unlockAudio } from "../ui";

/** Shows the sign-in card in root; signedIn gets the new session. */
export function renderLogin(root: HTMLElement, message: string | undefined, signedIn: (session: api.Session) => Promise<void>): void {
  clear(root);
  document.title = t("appName");
  const email = h("input", { id: "login-email", type: "email", autocomplete: "username", required: true, "data-testid": "login-email" });
  const password = h("input", { id: "login-password", type: "password", autocomplete: "current-password", required: true, "data-testid": "login-password" });
  const error = h("div", { class: "login-error", role: "alert", "data-testid": "login-error", text: message ?? "" });
  const button = h("button", { class: "btn btn-primary btn-block", type: "submit", "data-testid": "login-submit", text: t("signIn") });
  const form = h(
    "form",
    { class: "login-card" },
    h("div", { class: "login-brand" }, h("span", { class: "logo", text: "H" }), h("span", { text: t("appName") })),
    h("h1", { text: t("signInTitle") }),
    h("label", { class: "field", for: "login-email" }, h("span", { class: "field-label", text: t("email") }), email),
    h("label", { class: "field", for: "login-password" }, h("span", { class: "field-label", text: t("password") }), password),
    error,
    button,
    h("div", { class: "login-foot" }, langSelect(() => notify("language"))),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    unlockAudio();
    button.disabled = true;
    error.textContent = "";
    try {
      const result = await api.login(email.value.trim(), password.value);
      api.saveSession(result);
      await signedIn(result);
    } catch (err) {
      error.textContent = !(err instanceof api.HttpError)
        ? t("loginError", err instanceof Error ? err.message : String(err))
        : err.status === 401
          ? t("loginFailed")
          : err.retryAfter !== null
            ? t("loginTooMany", String(err.retryAfter))
            : t("loginError", err.message);
      button.disabled = false;
    }
  });
  root.appendChild(h("div", { class: "login-screen" }, form));
  email.focus();
}
