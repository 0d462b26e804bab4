/**
 * The parts of a Bot Framework activity sprig reads, and the check every request body passes
 * before the Teams SDK sees it: a JSON object (not an array), with a `type`, a `serviceUrl` that is
 * an http(s) URL, and a conversation id — otherwise a 400 that says what is wrong. The SDK alone
 * answers such bodies with a 500 and a stack trace, or a 200.
 */
export interface ChannelAccount {
  readonly id?: string;
  readonly name?: string | null;
}

export interface IncomingActivity {
  readonly type: string;
  readonly id?: string;
  readonly timestamp?: string;
  readonly serviceUrl: string;
  readonly channelId?: string;
  readonly from?: ChannelAccount;
  readonly recipient?: ChannelAccount;
  readonly conversation: {
    readonly id: string;
    readonly conversationType?: string;
    readonly tenantId?: string;
    readonly name?: string;
  };
  readonly text?: string;
  readonly value?: unknown;
  readonly replyToId?: string;
  readonly action?: string;
  readonly entities?: readonly {
    readonly type?: string;
    readonly text?: string;
    readonly mentioned?: ChannelAccount;
  }[];
  readonly membersAdded?: readonly ChannelAccount[];
  readonly membersRemoved?: readonly ChannelAccount[];
  readonly channelData?: {
    readonly tenant?: { readonly id?: string };
    readonly channel?: { readonly id?: string; readonly name?: string };
  };
}

export type ActivityCheck = { ok: true; activity: IncomingActivity } | { ok: false; problem: string };

export function checkActivity(body: unknown): ActivityCheck {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, problem: "The body must be one activity: a JSON object." };
  }
  const a = body as Record<string, unknown>;
  if (typeof a.type !== "string" || a.type === "") return { ok: false, problem: "The activity has no type." };
  if (typeof a.serviceUrl !== "string" || !isHttpUrl(a.serviceUrl)) {
    return { ok: false, problem: "The activity has no serviceUrl (an http or https URL) to answer through." };
  }
  const conversation = a.conversation as Record<string, unknown> | undefined;
  if (
    typeof conversation !== "object" ||
    conversation === null ||
    typeof conversation.id !== "string" ||
    conversation.id === ""
  ) {
    return { ok: false, problem: "The activity names no conversation (conversation.id)." };
  }
  for (const key of ["id", "text", "timestamp"] as const) {
    if (a[key] !== undefined && typeof a[key] !== "string")
      return { ok: false, problem: `The activity's ${key} must be a string.` };
  }
  const from = a.from as Record<string, unknown> | undefined;
  if (
    from !== undefined &&
    (typeof from !== "object" || from === null || (from.id !== undefined && typeof from.id !== "string"))
  ) {
    return { ok: false, problem: "The activity's from must be an account with a string id." };
  }
  for (const key of ["entities", "membersAdded", "membersRemoved"] as const) {
    if (a[key] !== undefined && !Array.isArray(a[key]))
      return { ok: false, problem: `The activity's ${key} must be a list.` };
  }
  return { ok: true, activity: body as IncomingActivity };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}
