// A small typed event emitter. Listeners that throw are reported and do not stop the others,
// so a bug in the signaling layer cannot break the media objects that emit (cf. mediasoup's
// safeEmit).

// `any` only says "some listener"; each event keeps its own signature through Events[E].
type ListenerMap<Events> = Record<keyof Events, (...args: any[]) => void>;

export class TypedEmitter<Events extends ListenerMap<Events>> {
  readonly #listeners = new Map<keyof Events, Set<Events[keyof Events]>>();

  on<E extends keyof Events>(event: E, listener: Events[E]): this {
    let set = this.#listeners.get(event);
    if (set === undefined) {
      set = new Set();
      this.#listeners.set(event, set);
    }
    set.add(listener);
    return this;
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): this {
    this.#listeners.get(event)?.delete(listener);
    return this;
  }

  protected removeAllListeners(): void {
    this.#listeners.clear();
  }

  protected emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    const set = this.#listeners.get(event);
    if (set === undefined) return;
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (err) {
        this.onListenerError(String(event), err);
      }
    }
  }

  /** Where a throwing listener is reported; subclasses with a logger override it. */
  protected onListenerError(event: string, err: unknown): void {
    console.error(`listener of "${event}" threw`, err);
  }
}
