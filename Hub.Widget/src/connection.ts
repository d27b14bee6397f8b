import { HttpTransportType, HubConnection, HubConnectionBuilder, HubConnectionState, LogLevel } from "@microsoft/signalr";
import type { ArgsOf, CustomerClientEvents, CustomerHubMethods, ResultOf } from "./protocol";

export type LinkState = "idle" | "connecting" | "connected" | "reconnecting" | "offline";

/** Delays of SignalR's own reconnect attempts; after the last one our restart loop takes over. */
const reconnectDelays = [0, 1000, 2000, 5000, 10000, 15000, 30000];
const restartMaxDelay = 60_000;

/**
 * One customer-hub connection that never gives up: SignalR's automatic reconnect first, then a
 * restart loop with exponential backoff and jitter, paused while the browser says it is offline.
 * onReady runs after every (re)connect, before anything else is sent.
 */
export class Link {
  readonly hub: HubConnection;
  private wanted = false;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private starting: Promise<void> | null = null;
  state: LinkState = "idle";

  constructor(
    url: string,
    token: () => string,
    private readonly onReady: () => Promise<void>,
    private readonly onState: (state: LinkState) => void,
  ) {
    this.hub = new HubConnectionBuilder()
      .withUrl(url, {
        // WebSockets without negotiation: no sticky sessions and no CORS preflight for the negotiate POST.
        transport: HttpTransportType.WebSockets,
        skipNegotiation: true,
        accessTokenFactory: token,
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => reconnectDelays[ctx.previousRetryCount] ?? null })
      .configureLogging(LogLevel.None)
      .build();
    this.hub.onreconnecting(() => this.set("reconnecting"));
    this.hub.onreconnected(() => void this.ready());
    this.hub.onclose(() => {
      if (this.wanted) this.scheduleRestart();
      else this.set("idle");
    });
    window.addEventListener("online", () => {
      if (this.wanted && this.hub.state === HubConnectionState.Disconnected) {
        this.attempt = 0;
        this.restartNow();
      }
    });
    window.addEventListener("offline", () => {
      // The socket may linger without carrying anything: drop it, and come back on "online".
      if (this.wanted && this.hub.state !== HubConnectionState.Disconnected) void this.hub.stop();
      if (this.wanted) this.set("offline");
    });
  }

  get connected(): boolean {
    return this.hub.state === HubConnectionState.Connected;
  }

  /** Invokes a customer-hub method; its name, arguments and result are typed by the shared protocol. */
  invoke<K extends keyof CustomerHubMethods & string>(method: K, ...args: ArgsOf<CustomerHubMethods, K>): Promise<ResultOf<CustomerHubMethods, K>> {
    return this.hub.invoke(method, ...args);
  }

  /** Subscribes to a customer-hub event, typed by the server's client interface (ICustomerClient). */
  on<E extends keyof CustomerClientEvents & string>(event: E, handler: (payload: CustomerClientEvents[E]) => void): void {
    this.hub.on(event, handler);
  }

  /** Connects (once) and keeps the connection up from now on. */
  start(): Promise<void> {
    this.wanted = true;
    if (this.connected) return Promise.resolve();
    if (!this.starting && this.hub.state === HubConnectionState.Disconnected) this.restartNow();
    return this.starting ?? Promise.resolve();
  }

  stop(): Promise<void> {
    this.wanted = false;
    clearTimeout(this.restartTimer);
    return this.hub.stop();
  }

  private restartNow(): void {
    clearTimeout(this.restartTimer);
    if (this.starting) return;
    if (!navigator.onLine) {
      this.set("offline");
      return;
    }
    this.set("connecting");
    this.starting = this.hub
      .start()
      .then(
        () => {
          this.attempt = 0;
          return this.ready();
        },
        () => this.scheduleRestart(),
      )
      .finally(() => {
        this.starting = null;
      });
  }

  private scheduleRestart(): void {
    if (!this.wanted) return;
    if (!navigator.onLine) {
      this.set("offline");
      return;
    }
    this.set("reconnecting");
    const base = Math.min(restartMaxDelay, 1000 * 2 ** Math.min(this.attempt, 6));
    this.attempt++;
    clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(() => this.restartNow(), base / 2 + Math.random() * (base / 2));
  }

  private async ready(): Promise<void> {
    try {
      await this.onReady();
      this.set("connected");
    } catch {
      // A failed resume means the connection is unusable: start over.
      if (this.hub.state === HubConnectionState.Connected) await this.hub.stop();
    }
  }

  private set(state: LinkState): void {
    if (this.state === state) return;
    this.state = state;
    this.onState(state);
  }
}
