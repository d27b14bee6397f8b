// Entry of console-voice.js: Twilio's Voice SDK on its own, loaded by phone.ts only when the server has voice on.
import { Device } from "@twilio/voice-sdk";

(window as unknown as { HubVoiceSdk: typeof Device }).HubVoiceSdk = Device;
