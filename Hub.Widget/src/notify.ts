import { format, type Texts } from "./i18n";
import { soundOffIcon, soundOnIcon } from "./icons";

/** What tells the customer about messages while the panel is closed: badge, page title and sound. */
export class Notifier {
  private blink: ReturnType<typeof setInterval> | undefined;
  private pageTitle = "";
  private audio: AudioContext | null = null;

  constructor(
    private readonly launcher: HTMLButtonElement,
    private readonly badge: HTMLElement,
    private readonly soundButton: HTMLButtonElement,
    private readonly t: Texts,
  ) {}

  /** The unread count on the launcher (0 hides the badge) and in its label. */
  showUnread(n: number, opened: boolean): void {
    this.badge.hidden = n === 0;
    this.badge.textContent = n > 9 ? "9+" : String(n);
    const label = n > 0 ? `${this.t.openChat} (${format(this.t.unread, { n })})` : this.t.openChat;
    this.launcher.setAttribute("aria-label", opened ? this.t.closeChat : label);
    if (n === 0) this.stopBlink();
  }

  /** Alternates document.title with "(n) New message" until stopBlink puts the page's title back. */
  startBlink(unread: () => number): void {
    if (this.blink !== undefined) return;
    this.pageTitle = document.title;
    let on = false;
    const tick = (): void => {
      on = !on;
      document.title = on ? format(this.t.newMessageTitle, { n: unread() }) : this.pageTitle;
    };
    tick();
    this.blink = setInterval(tick, 1000);
  }

  stopBlink(): void {
    if (this.blink === undefined) return;
    clearInterval(this.blink);
    this.blink = undefined;
    document.title = this.pageTitle;
  }

  renderSound(on: boolean): void {
    const b = this.soundButton;
    b.setAttribute("aria-pressed", String(on));
    b.setAttribute("aria-label", on ? this.t.soundOn : this.t.soundOff);
    b.title = on ? this.t.soundOn : this.t.soundOff;
    b.replaceChildren(on ? soundOnIcon() : soundOffIcon());
  }

  /** A short beep through WebAudio; browsers allow the context only after a click, the sound toggle's. */
  beep(fromGesture: boolean): void {
    try {
      if (!this.audio && fromGesture) this.audio = new AudioContext();
      const ctx = this.audio;
      if (!ctx) return;
      void ctx.resume();
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = 880;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime);
      gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.18);
      osc.connect(gain).connect(ctx.destination);
      osc.start();
      osc.stop(ctx.currentTime + 0.2);
    } catch {
      // No audio here: the badge and the title still tell.
    }
  }
}
