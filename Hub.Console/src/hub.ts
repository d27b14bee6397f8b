// The one connection to /hubs/agent, typed by the shared protocol: one method per server method, and
// on(event, handler) typed by the server's client interface (IAgentClient).
import * as signalR from "@microsoft/signalr";
import {
  agentHubPath,
  type AgentClientEvents,
  type AgentHubMethods,
  type ArgsOf,
  type ConversationRequest,
  type EscalateRequest,
  type HoldCallRequest,
  type MarkReadRequest,
  type ReassignRequest,
  type ResolveRequest,
  type ResumeRequest,
  type ResultOf,
  type SendMessageRequest,
  type SetPresenceRequest,
  type TransferRequest,
  type TypingRequest,
  type WarmTransferRequest,
} from "../../Hub.Widget/src/protocol";

type Methods = AgentHubMethods;

class AgentHub {
  private conn: signalR.HubConnection | null = null;

  /** A new connection with this agent token (not started); events must be subscribed before start(). */
  connect(token: string): void {
    this.conn = new signalR.HubConnectionBuilder()
      .withUrl(new URL(agentHubPath, location.href).href, {
        accessTokenFactory: () => token,
        skipNegotiation: true,
        transport: signalR.HttpTransportType.WebSockets,
      })
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: (ctx) => Math.min(10_000, 500 * 2 ** ctx.previousRetryCount) })
      .configureLogging(signalR.LogLevel.Warning)
      .build();
  }

  /** True while there is a connection, started or not (between sign-in and sign-out). */
  get hasConnection(): boolean {
    return this.conn !== null;
  }

  get connected(): boolean {
    return this.conn?.state === signalR.HubConnectionState.Connected;
  }

  start(): Promise<void> {
    return this.conn ? this.conn.start() : Promise.reject(new Error("No hub connection."));
  }

  /** Drops the connection; its events (a late onclose too) are no longer delivered. */
  async stop(): Promise<void> {
    const conn = this.conn;
    this.conn = null;
    if (conn) await conn.stop().catch(() => undefined);
  }

  on<E extends keyof AgentClientEvents>(event: E, handler: (payload: AgentClientEvents[E]) => void): void {
    this.conn?.on(event, handler);
  }

  onReconnecting(handler: () => void): void {
    this.conn?.onreconnecting(handler);
  }

  onReconnected(handler: () => void): void {
    this.conn?.onreconnected(handler);
  }

  /** The connection closed for good (only for the current connection, not one stopped by sign-out). */
  onClose(handler: () => void): void {
    const conn = this.conn;
    conn?.onclose(() => {
      if (this.conn === conn) handler();
    });
  }

  private invoke<K extends keyof Methods>(method: K, ...args: ArgsOf<Methods, K>): Promise<ResultOf<Methods, K>> {
    return this.conn ? this.conn.invoke<ResultOf<Methods, K>>(method, ...args) : Promise.reject(new Error("No hub connection."));
  }

  heartbeat = () => this.invoke("Heartbeat");
  getPresence = () => this.invoke("GetPresence");
  setPresence = (request: SetPresenceRequest) => this.invoke("SetPresence", request);
  getTeamPresence = () => this.invoke("GetTeamPresence");
  acceptOffer = (request: ConversationRequest) => this.invoke("AcceptOffer", request);
  declineOffer = (request: ConversationRequest) => this.invoke("DeclineOffer", request);
  escalate = (request: EscalateRequest) => this.invoke("Escalate", request);
  transfer = (request: TransferRequest) => this.invoke("Transfer", request);
  reassign = (request: ReassignRequest) => this.invoke("Reassign", request);
  getQueue = () => this.invoke("GetQueue");
  getMyConversations = () => this.invoke("GetMyConversations");
  claim = (request: ConversationRequest) => this.invoke("Claim", request);
  open = (request: ConversationRequest) => this.invoke("Open", request);
  resume = (request: ResumeRequest) => this.invoke("Resume", request);
  send = (request: SendMessageRequest) => this.invoke("Send", request);
  addNote = (request: SendMessageRequest) => this.invoke("AddNote", request);
  typing = (request: TypingRequest) => this.invoke("Typing", request);
  markRead = (request: MarkReadRequest) => this.invoke("MarkRead", request);
  resolve = (request: ResolveRequest) => this.invoke("Resolve", request);
  reopen = (request: ConversationRequest) => this.invoke("Reopen", request);
  holdCall = (request: HoldCallRequest) => this.invoke("HoldCall", request);
  hangUpCall = (request: ConversationRequest) => this.invoke("HangUpCall", request);
  warmTransfer = (request: WarmTransferRequest) => this.invoke("WarmTransfer", request);
  completeWarmTransfer = (request: WarmTransferRequest) => this.invoke("CompleteWarmTransfer", request);
  cancelWarmTransfer = (request: WarmTransferRequest) => this.invoke("CancelWarmTransfer", request);
}

export const hub = new AgentHub();
