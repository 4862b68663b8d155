// Runs async tasks one after the other: room creation and worker replacement go through one
// queue, so two joins cannot create the same room twice and a room is never created on a pool
// that is being repaired.

export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  push<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task, task);
    // The chain continues whatever this task's outcome; the caller sees the outcome.
    this.#tail = run.catch(() => undefined);
    return run;
  }
}
