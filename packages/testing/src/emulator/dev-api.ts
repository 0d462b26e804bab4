/**
 * A client of the emulator's dev API (`/emulator/v1`): what a test uses to act as people, read
 * what the bot posted and steer the pod (faults, session expiry, duplicate delivery). Written
 * against the emulator's README, not its code: the two sides of the protocol stay independent.
 */
import { Agent, fetch } from "undici";

/** A message as the dev API shows it: PresentationML, the EntityJSON data, who sent it where. */
export interface PodMessage {
  readonly messageId: string;
  readonly timestamp: number;
  readonly message: string;
  readonly data?: string;
  readonly user: { readonly userId: number; readonly username?: string; readonly displayName?: string };
  readonly stream: { readonly streamId: string; readonly streamType?: string };
  readonly submittedForms?: unknown;
}

export interface PodUser {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly email?: string;
}

/** `POST /faults`, as the emulator documents it. `headers` needs the emulator's header support. */
export interface Fault {
  readonly method?: string;
  readonly path: string;
  readonly status?: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly delayMs?: number;
  readonly drop?: boolean;
  /** The request is handled, then the connection dropped: done, but the client never hears. */
  readonly dropAfter?: boolean;
  /** The request is handled at once, its answer sent this much later (ms): a slow network. */
  readonly answerDelayMs?: number;
  /** Every session expires just before the request, which the pod then refuses 401 (even a fresh one). */
  readonly expireSessions?: boolean;
  readonly times?: number;
}

export class DevApiError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = "DevApiError";
  }
}

export class DevApi {
  readonly #base: string;
  readonly #dispatcher: Agent;

  /** `certificate`: the emulator's PEM when it serves TLS, trusted for these calls only. */
  constructor(url: string, certificate?: string) {
    this.#base = `${url}/emulator/v1`;
    this.#dispatcher = new Agent(certificate ? { connect: { ca: certificate } } : {});
  }

  async close(): Promise<void> {
    await this.#dispatcher.close();
  }

  users(): Promise<PodUser[]> {
    return this.#call("GET", "/users");
  }

  /** `external`: a person of another company, who must be connected before sharing a 1:1. */
  createUser(user: {
    username: string;
    displayName: string;
    email?: string;
    external?: boolean;
  }): Promise<PodUser> {
    return this.#call("POST", "/users", user);
  }

  /** `as` asks `userId` to connect (an external person and a colleague need an accepted one). */
  requestConnection(as: number | string, userId: number): Promise<{ userId: number; status: string }> {
    return this.#call("POST", "/connections", { as, userId });
  }

  /** `as` accepts the connection request `userId` sent them (e.g. the bot's). */
  acceptConnection(as: number | string, userId: number): Promise<{ userId: number; status: string }> {
    return this.#call("POST", "/connections/accept", { as, userId });
  }

  async createRoom(room: {
    name: string;
    creatorId: number;
    memberIds: number[];
    ownerIds: number[];
  }): Promise<string> {
    return (await this.#call<{ streamId: string }>("POST", "/rooms", room)).streamId;
  }

  async createIm(userIds: number[]): Promise<string> {
    return (await this.#call<{ streamId: string }>("POST", "/ims", { userIds })).streamId;
  }

  streamsOf(userId: number): Promise<Array<{ id: string }>> {
    return this.#call("GET", `/users/${userId}/streams`);
  }

  /** Post as a person; in `text`, `@username`, `#tag` and `$TAG` become entities. */
  postText(streamId: string, as: number | string, text: string): Promise<PodMessage> {
    return this.#call("POST", `/streams/${streamId}/messages`, { as, text });
  }

  /** Post as a person exactly this MessageML and EntityJSON (`data`, sent as given: it may be broken on purpose). */
  postMessage(
    streamId: string,
    message: { as: number | string; messageML: string; data?: string },
  ): Promise<PodMessage> {
    return this.#call("POST", `/streams/${streamId}/messages`, message);
  }

  messages(streamId: string): Promise<PodMessage[]> {
    return this.#call("GET", `/streams/${streamId}/messages`);
  }

  /** Submit the form `formId` of a message, pressing `action`; answers the SYMPHONYELEMENTSACTION event. */
  submitForm(
    streamId: string,
    messageId: string,
    submission: { as: number | string; formId: string; action: string; values: Record<string, unknown> },
  ): Promise<{ id: string }> {
    return this.#call("POST", `/streams/${streamId}/messages/${messageId}/form`, submission);
  }

  /** `POST /events`: an event the emulator's own actions never cause (or a forged one), to `userIds`' feeds. */
  postEvent(event: {
    type: string;
    initiator: number | string;
    userIds: number[];
    payload: Record<string, unknown>;
  }): Promise<{ id: string }> {
    return this.#call("POST", "/events", event);
  }

  addMember(streamId: string, userId: number, as?: number): Promise<unknown> {
    return this.#call("POST", `/streams/${streamId}/members`, {
      userId,
      ...(as === undefined ? {} : { as }),
    });
  }

  removeMember(streamId: string, userId: number): Promise<unknown> {
    return this.#call("DELETE", `/streams/${streamId}/members/${userId}`);
  }

  setOwner(streamId: string, userId: number, owner: boolean): Promise<unknown> {
    return this.#call("POST", `/streams/${streamId}/members/${userId}/${owner ? "promote" : "demote"}`);
  }

  addFault(fault: Fault): Promise<unknown> {
    return this.#call("POST", "/faults", fault);
  }

  faults(): Promise<Fault[]> {
    return this.#call("GET", "/faults");
  }

  clearFaults(): Promise<unknown> {
    return this.#call("DELETE", "/faults");
  }

  expireSessions(): Promise<{ expired: number }> {
    return this.#call("POST", "/sessions/expire");
  }

  /** The next `count` events are delivered twice (as a datafeed may, and as two pods do). */
  /** The next `count` events come twice: the same event, or (`otherPod`) under a new event id. */
  duplicateNext(count: number, kind: "same" | "otherPod" = "same"): Promise<unknown> {
    return this.#call("POST", "/datafeed/duplicate", { count, kind });
  }

  /**
   * The live server-sent events one person sees, from now on: resolves once the stream is open,
   * so nothing posted afterwards can be missed.
   */
  async subscribe(userId: number): Promise<LiveEvents> {
    const stop = new AbortController();
    const response = await fetch(`${this.#base}/users/${userId}/events`, {
      signal: stop.signal,
      dispatcher: this.#dispatcher,
    });
    if (!response.ok || !response.body) {
      throw new DevApiError(response.status, undefined, `The live events of ${userId} were refused.`);
    }
    return new LiveEvents(response.body, stop);
  }

  async #call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.#base}${path}`, {
      method,
      dispatcher: this.#dispatcher,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    });
    const text = await response.text();
    const parsed = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const error = (parsed ?? {}) as { reason?: string; message?: string };
      throw new DevApiError(
        response.status,
        error.reason,
        `${method} /emulator/v1${path} → ${response.status}: ${error.message ?? text}`,
      );
    }
    return parsed as T;
  }
}

function parseServerSentEvent(block: string): { type: string; data: unknown } | undefined {
  let type = "message";
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) type = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
  }
  return data.length === 0 ? undefined : { type, data: JSON.parse(data.join("\n")) as unknown };
}

export interface LiveEvent {
  readonly type: string;
  // biome-ignore lint/suspicious/noExplicitAny: a datafeed event as JSON; tests read deep paths of it.
  readonly data: Record<string, any>;
}

/** A person's live events, buffered as they arrive; `next(match)` takes the first matching one. */
export class LiveEvents {
  readonly #buffer: LiveEvent[] = [];
  readonly #stop: AbortController;
  #wake: (() => void) | undefined;
  #ended = false;

  constructor(body: AsyncIterable<unknown>, stop: AbortController) {
    this.#stop = stop;
    void this.#read(body);
  }

  /** Every event received so far and not taken (oldest first). */
  get pending(): readonly LiveEvent[] {
    return this.#buffer;
  }

  /** Takes (removes) the first buffered or future event that matches; fails after `timeoutMs`. */
  async next(match: (event: LiveEvent) => boolean, timeoutMs = 10_000): Promise<LiveEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.#buffer.findIndex(match);
      if (index >= 0) return this.#buffer.splice(index, 1)[0]!;
      if (this.#ended) throw new Error("The live event stream ended.");
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching live event within ${timeoutMs} ms.`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  close(): void {
    this.#stop.abort();
  }

  async #read(body: AsyncIterable<unknown>): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = "";
    try {
      for await (const chunk of body) {
        buffered += decoder.decode(chunk as Uint8Array, { stream: true });
        let end = buffered.indexOf("\n\n");
        while (end >= 0) {
          const event = parseServerSentEvent(buffered.slice(0, end));
          buffered = buffered.slice(end + 2);
          if (event) this.#buffer.push(event as LiveEvent);
          end = buffered.indexOf("\n\n");
        }
        this.#wake?.();
      }
    } catch {
      // Aborted by close(), or the emulator stopped: either way the stream is over.
    } finally {
      this.#ended = true;
      this.#wake?.();
    }
  }
}
