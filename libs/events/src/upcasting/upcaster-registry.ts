import { EVENT_REGISTRY, isKnownEventType } from '../catalog/event-registry';

export type PayloadUpcaster = (payload: Record<string, unknown>) => Record<string, unknown>;

export type UpcastResult =
  | { ok: true; payload: Record<string, unknown>; version: number }
  | { ok: false; code: 'unsupported_version'; message: string };

/** The version producers write today for a type; undefined for an unknown type. */
export type CurrentVersionOf = (eventType: string) => number | undefined;

const catalogVersion: CurrentVersionOf = (eventType) =>
  isKnownEventType(eventType) ? EVENT_REGISTRY[eventType].schemaVersion : undefined;

/**
 * Steps that lift a payload from version n to n + 1. Reading an old event applies the steps in order up to the
 * current version; a version newer than ours, or an old one without a full path of steps, is unsupported.
 */
export class UpcasterRegistry {
  private readonly steps = new Map<string, PayloadUpcaster>();

  constructor(private readonly currentVersionOf: CurrentVersionOf = catalogVersion) {}

  register(eventType: string, fromVersion: number, upcaster: PayloadUpcaster): this {
    const current = this.currentVersionOf(eventType);
    if (current === undefined) throw new Error(`cannot register an upcaster for unknown event type ${eventType}`);
    if (!Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion >= current) {
      throw new Error(`upcaster for ${eventType} must start at a version in [1, ${current - 1}], got ${fromVersion}`);
    }
    const key = stepKey(eventType, fromVersion);
    if (this.steps.has(key)) throw new Error(`upcaster for ${eventType} v${fromVersion} is already registered`);
    this.steps.set(key, upcaster);
    return this;
  }

  currentVersion(eventType: string): number | undefined {
    return this.currentVersionOf(eventType);
  }

  upcast(eventType: string, version: number, payload: Record<string, unknown>): UpcastResult {
    const current = this.currentVersionOf(eventType);
    if (current === undefined) return unsupported(`unknown event type ${eventType}`);
    if (version > current) return unsupported(`${eventType} v${version} is newer than the supported v${current}`);
    let upcast = payload;
    for (let from = version; from < current; from++) {
      const step = this.steps.get(stepKey(eventType, from));
      if (!step) return unsupported(`${eventType} v${version} cannot be upcast: no step from v${from}`);
      upcast = step(upcast);
    }
    return { ok: true, payload: upcast, version: current };
  }
}

function stepKey(eventType: string, fromVersion: number): string {
  return `${eventType}@${fromVersion}`;
}

function unsupported(message: string): UpcastResult {
  return { ok: false, code: 'unsupported_version', message };
}

/** The steps this catalog ships: none yet, every type is at version 1. */
export const CATALOG_UPCASTERS = new UpcasterRegistry();
