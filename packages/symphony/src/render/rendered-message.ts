/**
 * What the renderer hands the adapter for one response: the MessageML (a FreeMarker template for
 * work responses), the EntityJSON `data` the agent expands it with, and any file parts. The adapter
 * posts it as one multipart `POST /agent/v4/stream/{sid}/message/create`: `message`, `data`
 * (JSON-serialised) and one `attachment` part per entry.
 */
export interface RenderedAttachment {
  readonly name: string;
  readonly content: Uint8Array;
  readonly contentType?: string;
}

export interface RenderedMessage {
  /** `<messageML>…</messageML>`. */
  readonly message: string;
  /** EntityJSON; absent when the message stores nothing. */
  readonly data?: Record<string, unknown>;
  readonly attachments?: readonly RenderedAttachment[];
  /**
   * Set only with the renderer's `updateFormInPlace`: the id of the form message this one replaces
   * (`POST /agent/v4/stream/{sid}/message/{replaces}/update`) instead of being posted as new.
   */
  readonly replaces?: string;
}
