// The cards under the messages: the offline form, the left-message notice, the rating form and the
// closing notice. Built with DOM APIs; the only wire data they show goes in as text.
import { h } from "./dom";
import { format, type Texts } from "./i18n";

const errorLine = (): HTMLElement => h("p", { class: "error", role: "alert", hidden: true });

function newChatButton(t: Texts, onNewChat: () => void): HTMLElement {
  const b = h("button", { class: "primary", type: "button" }, t.newChat);
  b.addEventListener("click", onNewChat);
  return b;
}

/** Shows an error in the card, if it has an error line. */
export function showCardError(cards: HTMLElement, message: string): void {
  const error = cards.querySelector<HTMLElement>(".error");
  if (!error) return;
  error.textContent = message;
  error.hidden = false;
}

export function offlineCard(
  t: Texts,
  id: string,
  outsideHours: boolean,
  email: string,
  onSend: (text: string, email: string) => Promise<void>,
  onKeepWaiting: () => void,
): HTMLElement {
  const textId = `hub-leave-text-${id}`;
  const mailId = `hub-leave-mail-${id}`;
  const titleId = `hub-leave-title-${id}`;
  const text = h("textarea", { class: "input", id: textId, rows: "3", maxlength: "4000" });
  const mail = h("input", { class: "input", id: mailId, type: "email", autocomplete: "email", maxlength: "254" });
  mail.value = email;
  const send = h("button", { class: "primary", type: "submit" }, t.leaveMessageSend);
  const keep = h("button", { class: "link-button", type: "button" }, t.keepWaiting);
  keep.addEventListener("click", onKeepWaiting);
  const form = h(
    "form",
    { class: "card offline-form", novalidate: true, "aria-labelledby": titleId },
    h("h3", { class: "card-title", id: titleId }, t.leaveMessage),
    h("p", { class: "notice" }, outsideHours ? t.outsideHours : t.noAgents),
    h("div", { class: "field" }, h("label", { class: "label", for: textId }, t.message), text),
    h("div", { class: "field" }, h("label", { class: "label", for: mailId }, t.email), mail),
    errorLine(),
    h("div", { class: "row" }, send, keep),
  );
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    send.disabled = true;
    void onSend(text.value, mail.value.trim()).finally(() => (send.disabled = false));
  });
  return form;
}

export function leftMessageCard(t: Texts, ticketNumber: number, email: string | null, onNewChat: () => void): HTMLElement {
  const message = email ? format(t.leftMessage, { ticket: ticketNumber, email }) : format(t.leftMessageNoEmail, { ticket: ticketNumber });
  return h("div", { class: "card left-message" }, h("p", { class: "notice", role: "status" }, message), newChatButton(t, onNewChat));
}

/** 1 to 5 as a radio group (arrow keys move), an optional comment, send or skip. */
export function ratingCard(t: Texts, id: string, onRate: (score: number, comment: string) => Promise<void>, onSkip: () => void): HTMLElement {
  let score = 0;
  const buttons: HTMLButtonElement[] = [];
  const submit = h("button", { class: "primary", type: "submit", disabled: true }, t.rateSend);
  const group = h("div", { class: "stars", role: "radiogroup", "aria-label": t.rateTitle });
  const choose = (value: number): void => {
    score = value;
    submit.disabled = false;
    paint();
  };
  const paint = (): void =>
    buttons.forEach((b, i) => {
      b.setAttribute("aria-checked", String(i + 1 === score));
      b.classList.toggle("lit", i < score);
      b.tabIndex = (score === 0 ? i === 0 : i + 1 === score) ? 0 : -1;
    });
  for (let i = 1; i <= 5; i++) {
    const b = h("button", { class: "star", type: "button", role: "radio", "aria-checked": "false", "aria-label": format(t.rateScore, { n: i }), "data-score": String(i) }, "★");
    b.addEventListener("click", () => choose(i));
    b.addEventListener("keydown", (e) => {
      const step = e.key === "ArrowRight" || e.key === "ArrowUp" ? 1 : e.key === "ArrowLeft" || e.key === "ArrowDown" ? -1 : 0;
      if (!step) return;
      e.preventDefault();
      choose(Math.min(5, Math.max(1, (score || i) + step)));
      buttons[score - 1].focus();
    });
    buttons.push(b);
    group.append(b);
  }
  const commentId = `hub-rate-comment-${id}`;
  const comment = h("textarea", { class: "input", id: commentId, rows: "2", maxlength: "1000" });
  const skip = h("button", { class: "link-button", type: "button" }, t.rateSkip);
  skip.addEventListener("click", onSkip);
  const form = h(
    "form",
    { class: "card csat", novalidate: true },
    h("p", { class: "notice" }, t.ended),
    h("h3", { class: "card-title" }, t.rateTitle),
    group,
    h("div", { class: "field" }, h("label", { class: "label", for: commentId }, t.rateComment), comment),
    errorLine(),
    h("div", { class: "row" }, submit, skip),
  );
  paint();
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (score === 0) return;
    submit.disabled = true;
    void onRate(score, comment.value).finally(() => (submit.disabled = false));
  });
  return form;
}

export function closedCard(t: Texts, rated: boolean, onNewChat: () => void): HTMLElement {
  return h("div", { class: "card done" }, h("p", { class: "notice", role: "status" }, rated ? t.rateThanks : t.ended), newChatButton(t, onNewChat));
}
