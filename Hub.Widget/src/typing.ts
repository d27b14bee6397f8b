import { format, type Texts } from "./i18n";

const idleMs = 2000;
const repeatMs = 4000;
const agentTimeoutMs = 15000;

/**
 * The customer's typing, throttled: true when typing starts (again every few seconds while it goes
 * on), false after a pause, on sending and on leaving the field. The server never expires it.
 */
export class TypingSender {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private sentAt = 0;

  constructor(private readonly send: (isTyping: boolean) => void) {}

  input(hasText: boolean): void {
    const now = Date.now();
    if (hasText && now - this.sentAt > repeatMs) {
      this.sentAt = now;
      this.send(true);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.stop(), idleMs);
  }

  stop(): void {
    clearTimeout(this.timer);
    if (this.sentAt === 0) return;
    this.sentAt = 0;
    this.send(false);
  }

  /** Forgets without telling (the conversation is over). */
  reset(): void {
    clearTimeout(this.timer);
    this.sentAt = 0;
  }
}

/** "Ada is typing…" until the agent stops, the agent's message arrives, or it has gone quiet too long. */
export class TypingIndicator {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly el: HTMLElement,
    private readonly t: Texts,
    private readonly onTimeout: () => void,
  ) {}

  show(name: string | null): void {
    clearTimeout(this.timer);
    this.el.textContent = name ? format(this.t.agentTyping, { name }) : this.t.someoneTyping;
    this.el.hidden = false;
    this.timer = setTimeout(() => {
      this.hide();
      this.onTimeout();
    }, agentTimeoutMs);
  }

  hide(): void {
    clearTimeout(this.timer);
    this.el.hidden = true;
    this.el.textContent = "";
  }
}
