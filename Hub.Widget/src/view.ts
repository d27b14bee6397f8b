import type { WidgetConfig } from "./config";
import { h } from "./dom";
import type { Texts } from "./i18n";
import { chatIcon, closeIcon, sendIcon, soundOffIcon } from "./icons";
import { css } from "./styles";

/** Every element the widget updates, created once. */
export interface View {
  host: HTMLElement;
  root: HTMLElement;
  launcher: HTMLButtonElement;
  badge: HTMLElement;
  panel: HTMLElement;
  subtitle: HTMLElement;
  soundButton: HTMLButtonElement;
  endButton: HTMLButtonElement;
  closeButton: HTMLButtonElement;
  status: HTMLElement;
  info: HTMLElement;
  body: HTMLElement;
  form: HTMLFormElement;
  formName: HTMLInputElement;
  formEmail: HTMLInputElement;
  formTopic: HTMLInputElement | HTMLSelectElement;
  formMessage: HTMLTextAreaElement;
  formError: HTMLElement;
  formSubmit: HTMLButtonElement;
  chat: HTMLElement;
  log: HTMLOListElement;
  cards: HTMLElement;
  typing: HTMLElement;
  composer: HTMLFormElement;
  input: HTMLTextAreaElement;
  sendButton: HTMLButtonElement;
}

let uid = 0;
const nextId = (name: string): string => `hub-${name}-${++uid}`;

function field(label: string, control: HTMLElement, required: boolean, texts: Texts): HTMLElement {
  const id = nextId("f");
  control.id = id;
  if (required) control.setAttribute("aria-required", "true");
  return h(
    "div",
    { class: "field" },
    h("label", { class: "label", for: id }, label, " ", h("span", { class: "hint" }, `(${required ? texts.required : texts.optional})`)),
    control,
  );
}

/** Readable text on the accent colour: dark text on light colours. */
function onColor(color: string): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  if (!m) return "#ffffff";
  const hex = m[1].length === 3 ? m[1].replace(/./g, "$&$&") : m[1];
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number): number => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  const luminance = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
  return luminance > 0.45 ? "#1d2330" : "#ffffff";
}

export function buildView(config: WidgetConfig): View {
  const t = config.texts;
  const host = document.createElement("div");
  host.setAttribute("data-supporthub", "");
  const shadow = host.attachShadow({ mode: "open" });
  shadow.append(h("style", {}, css));

  const titleId = nextId("title");
  const logId = nextId("log");
  const badge = h("span", { class: "badge", "aria-hidden": "true", hidden: true });
  const launcher = h("button", { class: "launcher", type: "button", "aria-label": t.openChat, "aria-expanded": "false", "aria-haspopup": "dialog" });
  launcher.append(chatIcon(), badge);

  const subtitle = h("p", { class: "subtitle" });
  const soundButton = h("button", { class: "icon-button", type: "button", "aria-pressed": "false", "aria-label": t.soundOff, title: t.soundOff });
  soundButton.append(soundOffIcon());
  const endButton = h("button", { class: "text-button", type: "button", hidden: true }, t.endChat);
  const closeButton = h("button", { class: "icon-button", type: "button", "aria-label": t.closeChat, title: t.closeChat });
  closeButton.append(closeIcon());
  const header = h(
    "div",
    { class: "header" },
    h("div", { class: "header-text" }, h("h2", { class: "title", id: titleId }, t.title), subtitle),
    endButton,
    soundButton,
    closeButton,
  );

  const status = h("div", { class: "status", role: "status", hidden: true });
  const info = h("div", { class: "status info", role: "status", "aria-live": "polite", hidden: true });

  const required = config.required;
  const formName = h("input", { class: "input", type: "text", name: "name", autocomplete: "name", maxlength: "100" });
  const formEmail = h("input", { class: "input", type: "email", name: "email", autocomplete: "email", maxlength: "254" });
  let formTopic: HTMLInputElement | HTMLSelectElement;
  if (config.topics.length > 0) {
    formTopic = h("select", { class: "input", name: "topic" });
    formTopic.append(h("option", { value: "" }, "—"));
    for (const topic of config.topics) formTopic.append(h("option", { value: topic.value }, topic.label));
  } else {
    formTopic = h("input", { class: "input", type: "text", name: "topic", maxlength: "120" });
  }
  const formMessage = h("textarea", { class: "input", name: "message", rows: "3", maxlength: "4000" });
  const formError = h("p", { class: "error", role: "alert", hidden: true });
  const formSubmit = h("button", { class: "primary", type: "submit" }, t.startChat);
  const form = h(
    "form",
    { class: "form", novalidate: true },
    h("p", { class: "greeting" }, t.greeting),
    field(t.name, formName, required.has("name"), t),
    field(t.email, formEmail, required.has("email"), t),
    field(t.topic, formTopic, required.has("topic"), t),
    field(t.message, formMessage, true, t),
    formError,
    formSubmit,
  );

  const log = h("ol", { class: "log", id: logId, role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": t.title });
  const cards = h("div", {});
  const chat = h("div", { hidden: true }, log, cards);
  const body = h("div", { class: "body" }, form, chat);

  const typing = h("div", { class: "typing", "aria-live": "polite", hidden: true });
  const inputId = nextId("input");
  const input = h("textarea", { class: "input", id: inputId, rows: "1", maxlength: "4000", placeholder: t.composer, "aria-label": t.composer });
  const sendButton = h("button", { class: "send", type: "submit", "aria-label": t.send, title: t.send });
  sendButton.append(sendIcon());
  const composer = h("form", { class: "composer", hidden: true }, input, sendButton);

  const panel = h("div", { class: "panel", role: "dialog", "aria-modal": "false", "aria-labelledby": titleId, hidden: true }, header, status, info, body, typing, composer);
  const panelId = nextId("panel");
  panel.id = panelId;
  launcher.setAttribute("aria-controls", panelId);

  const root = h("div", { class: `root ${config.position}`, lang: config.lang }, panel, launcher);
  root.style.setProperty("--hub-color", config.color);
  root.style.setProperty("--hub-on-color", onColor(config.color));
  shadow.append(root);

  return {
    host, root, launcher, badge, panel, subtitle, soundButton, endButton, closeButton, status, info, body,
    form, formName, formEmail, formTopic, formMessage, formError, formSubmit, chat, log, cards, typing, composer, input, sendButton,
  };
}
