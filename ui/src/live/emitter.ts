/** A small typed event emitter: `on` returns the function that removes the listener. */
export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly listeners = new Map<keyof Events, Set<(data: never) => void>>();

  on<K extends keyof Events>(name: K, fn: (data: Events[K]) => void): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(fn as (data: never) => void);
    return () => set.delete(fn as (data: never) => void);
  }

  protected emit<K extends keyof Events>(name: K, data: Events[K]): void {
    for (const fn of [...(this.listeners.get(name) ?? [])]) {
      try {
        (fn as (data: Events[K]) => void)(data);
      } catch (err) {
        // One broken listener must not stop the others (nor the socket's message loop).
        console.error(err);
      }
    }
  }

  protected removeAllListeners(): void {
    this.listeners.clear();
  }
}
