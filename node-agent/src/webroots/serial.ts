/**
 * Runs async tasks one at a time, in call order. Activities of one node can run concurrently,
 * but a config folder, a reload or a map file must see one writer at a time.
 */
export class Serial {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
