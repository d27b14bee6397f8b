// The browser phone: Twilio's Voice SDK Device behind a narrow interface, so that nothing else in the
// console touches the SDK. The SDK (about 180 KB) is a bundle of its own, console-voice.js, loaded
// only when the server hands out a voice token.
import type { Call, Device } from "@twilio/voice-sdk";

export type PhoneState = "registering" | "registered" | "unregistered" | "error";
export type PhoneCallStatus = "ringing" | "connecting" | "open" | "closed";

/** One call that rang this browser (Twilio dials the agent's client when a call is put through). */
export interface PhoneCall {
  /** The CallSid of the leg to this browser (not the caller's CallSid). */
  readonly sid: string;
  /** Who is calling: the caller's number unless the server dials with a caller id of its own. */
  readonly from: string;
  /** The conversation, when the server names it in a `conversationId` parameter of the dialled client. */
  readonly conversationId: string | null;
  readonly status: PhoneCallStatus;
  readonly muted: boolean;
  accept(): void;
  reject(): void;
  mute(on: boolean): void;
  disconnect(): void;
}

export interface PhoneListener {
  stateChanged(state: PhoneState, error: string | null): void;
  incoming(call: PhoneCall): void;
  callChanged(call: PhoneCall): void;
}

export interface Phone {
  readonly identity: string;
  readonly state: PhoneState;
  /** Places a call through the TwiML app with these parameters (Hub's /twilio/voice/outgoing decides whom it dials). */
  call(params: Record<string, string>): Promise<PhoneCall>;
  destroy(): void;
}

export interface VoiceToken {
  identity: string;
  token: string;
}

/**
 * A signaling gateway other than Twilio's (host[:port], reached as wss://host/signal), from
 * localStorage. Tests point it at a loopback fake; Twilio Insights is then off as well, so the page
 * talks to nothing but that host.
 */
export const signalingKey = "hub.console.voiceSignaling";

type DeviceClass = typeof Device;

// The script that runs now is console.js; console-voice.js is next to it.
const sdkUrl = new URL("console-voice.js", (document.currentScript as HTMLScriptElement | null)?.src ?? location.href).href;
let sdk: Promise<DeviceClass> | null = null;

function loadSdk(): Promise<DeviceClass> {
  sdk ??= new Promise<DeviceClass>((resolve, reject) => {
    const script = document.createElement("script");
    script.src = sdkUrl;
    script.async = true;
    script.onload = () => {
      const loaded = (window as unknown as { HubVoiceSdk?: DeviceClass }).HubVoiceSdk;
      if (loaded) resolve(loaded);
      else reject(new Error("console-voice.js did not load the Voice SDK"));
    };
    script.onerror = () => {
      sdk = null;
      reject(new Error(`Could not load ${sdkUrl}`));
    };
    document.head.appendChild(script);
  });
  return sdk;
}

// A few silent samples for every SDK sound: the SDK would otherwise fetch its ringtones from Twilio's
// CDN. The console rings with its own beep.
const silence = "data:audio/wav;base64,UklGRiwAAABXQVZFZm10IBAAAAABAAEAQB8AAEAfAAABAAgAZGF0YQgAAACAgICAgICAgA==";
const soundNames = ["incoming", "outgoing", "disconnect", "dtmf0", "dtmf1", "dtmf2", "dtmf3", "dtmf4", "dtmf5", "dtmf6", "dtmf7", "dtmf8", "dtmf9", "dtmfs", "dtmfh"];

function statusOf(call: Call): PhoneCallStatus {
  switch (call.status()) {
    case "pending":
    case "ringing":
      return "ringing";
    case "connecting":
      return "connecting";
    case "open":
    case "reconnecting":
      return "open";
    default:
      return "closed";
  }
}

function wrap(call: Call, listener: PhoneListener): PhoneCall {
  let status = statusOf(call);
  const wrapped: PhoneCall = {
    sid: call.parameters.CallSid ?? "",
    from: call.parameters.From ?? "",
    conversationId: call.customParameters.get("conversationId") ?? null,
    get status() {
      return status;
    },
    get muted() {
      return call.isMuted();
    },
    accept: () => {
      call.accept();
      changed();
    },
    reject: () => call.reject(),
    mute: (on) => call.mute(on),
    disconnect: () => call.disconnect(),
  };
  function changed(closed = false): void {
    status = closed ? "closed" : statusOf(call);
    listener.callChanged(wrapped);
  }
  call.on("accept", () => changed());
  call.on("mute", () => changed());
  call.on("reconnecting", () => changed());
  call.on("reconnected", () => changed());
  for (const end of ["cancel", "disconnect", "reject"]) call.on(end, () => changed(true));
  call.on("error", () => changed());
  return wrapped;
}

/** Registers this browser as the agent's phone; incoming calls and state changes go to the listener. */
export async function startPhone(first: VoiceToken, renew: () => Promise<VoiceToken>, listener: PhoneListener): Promise<Phone> {
  const DeviceClass = await loadSdk();
  const signaling = localStorage.getItem(signalingKey)?.trim() || null;
  const options: Record<string, unknown> = {
    closeProtection: true,
    codecPreferences: ["opus", "pcmu"],
    logLevel: "error",
    sounds: Object.fromEntries(soundNames.map((n) => [n, silence])),
    tokenRefreshMs: 30_000,
  };
  if (signaling) {
    // chunderw is the SDK's own (undocumented) option for its signaling host: wss://<chunderw>/signal.
    options.chunderw = signaling;
    options.publishEvents = false;
  }
  const device = new DeviceClass(first.token, options);
  let state: PhoneState = "unregistered";
  const set = (next: PhoneState, error: string | null = null) => {
    state = next;
    listener.stateChanged(next, error);
  };
  const refresh = async () => {
    try {
      device.updateToken((await renew()).token);
    } catch (err) {
      set(state, err instanceof Error ? err.message : String(err));
    }
  };
  device.on("registering", () => set("registering"));
  device.on("registered", () => set("registered"));
  device.on("unregistered", () => set("unregistered"));
  device.on("tokenWillExpire", () => void refresh());
  device.on("error", (error: { code?: number; message?: string }) => {
    if (error.code === 20104 || error.code === 31205) void refresh(); // the access token expired
    set(device.state === "registered" ? "registered" : "error", error.message ?? String(error.code ?? "error"));
  });
  device.on("incoming", (call: Call) => listener.incoming(wrap(call, listener)));
  set("registering");
  void device.register().catch((err: unknown) => set("error", err instanceof Error ? err.message : String(err)));
  return {
    identity: first.identity,
    get state() {
      return state;
    },
    call: async (params) => {
      const call = wrap(await device.connect({ params }), listener);
      listener.callChanged(call);
      return call;
    },
    destroy: () => device.destroy(),
  };
}
