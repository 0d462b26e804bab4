import type { SessionService } from "../auth/session-service.ts";
import type { DatafeedRegistry } from "../datafeed/datafeed-registry.ts";
import type { EventFactory, V4Event } from "../events/event-factory.ts";
import type { EventHub } from "../events/event-hub.ts";
import type { IdSource } from "../ids/id-source.ts";
import type { Change } from "../persistence/change.ts";
import type { PodStore } from "../store/pod-store.ts";
import type { StreamRecord } from "../store/records.ts";
import type { Clock } from "./clock.ts";
import type { EmulatorSettings } from "./settings.ts";

/** The running pod's parts, handed to every route and service. */
export interface Pod {
  readonly store: PodStore;
  readonly ids: IdSource;
  readonly clock: Clock;
  readonly hub: EventHub;
  readonly events: EventFactory;
  readonly sessions: SessionService;
  readonly datafeeds: DatafeedRegistry;
  readonly settings: EmulatorSettings;
  /** Records changed: the journal writes them before the request is answered. */
  changed(...changes: Change[]): void;
}

/** Deliver an event to everyone in the stream (plus anyone named in `also`, e.g. a user who just left). */
export function publishToStream(pod: Pod, event: V4Event, stream: StreamRecord, also: number[] = []): void {
  pod.changed({ kind: "stream", stream });
  const recipients = new Set<number>();
  for (const member of stream.members) recipients.add(member.userId);
  for (const userId of also) recipients.add(userId);
  pod.hub.publish(event, recipients);
}
