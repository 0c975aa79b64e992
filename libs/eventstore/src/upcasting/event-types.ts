import type { RecordedEvent } from '../event-store.port';
import { UnreadableEventError } from '../unreadable-event.error';

/** Turns an event's data of one schema version into the data of the next (pure: data in, data out); typed by each service. */
export type Upcaster = (data: never) => unknown;

/**
 * A service's stored event types: the version each is written in now, and for each older version still found in
 * stores the upcaster to the next one. A type no longer written but still read stays here at its last version.
 */
export interface EventTypeDeclaration<Type extends string = string> {
  versions: Record<Type, number>;
  upcasters?: Partial<Record<Type, Record<number, Upcaster>>>;
}

/** The registry of a service's event types: stamps versions on writing and upcasts on reading, v1 → v2 → … → current. */
export class EventTypes {
  constructor(private readonly declaration: EventTypeDeclaration) {
    for (const [type, steps] of Object.entries(declaration.upcasters ?? {})) {
      const current = declaration.versions[type] as number | undefined;
      const stale = Object.keys(steps ?? {}).map(Number).find((from) => current === undefined || !(from >= 1 && from < current));
      if (stale !== undefined) throw new Error(`upcaster of ${type} from version ${stale}: ${type} is written in version ${current ?? '(unknown type)'}`);
    }
  }

  /** The version `type` is written in now. Appending a type the service does not declare is a programming error. */
  versionOf(type: string): number {
    const version = this.declaration.versions[type] as number | undefined;
    if (version === undefined) throw new Error(`event type ${type} is not declared in this service's event types`);
    return version;
  }

  /** The event as the current version of its type; throws UnreadableEventError for an unknown type or a newer version. */
  upcast(event: RecordedEvent): RecordedEvent {
    const current = this.declaration.versions[event.type] as number | undefined;
    const unreadable = (reason: string) => new UnreadableEventError(event.id, event.type, event.version, reason);
    if (current === undefined) throw unreadable('unknown event type');
    if (event.version > current) throw unreadable(`version ${event.version} is newer than ${current}, the latest this service reads`);
    if (event.version < 1 || !Number.isInteger(event.version)) throw unreadable(`version ${event.version} is not a version`);
    let data = event.data;
    for (let version = event.version; version < current; version++) {
      const step = this.declaration.upcasters?.[event.type]?.[version];
      if (!step) throw unreadable(`no upcaster from version ${version}`);
      data = step(data as never);
    }
    return data === event.data && event.version === current ? event : { ...event, version: current, data };
  }
}
